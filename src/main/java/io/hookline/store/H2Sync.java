package io.hookline.store;

import io.hookline.job.DaemonScheduler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.h2.engine.Database;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forces H2's file to the disk every {@value #EVERY_MILLIS} ms, so that H2 may overwrite a freed chunk
 * {@value #RETENTION_MILLIS} ms after it was freed instead of 45 s. H2 reuses a chunk's space only
 * after its RETENTION_TIME, 45 s by default, on the assumption that the operating system has written
 * the chunks that replaced it by then: overwriting it earlier could leave a file that a power loss
 * turns into one pointing at overwritten pages. Under load most of each chunk H2 writes is dead within
 * seconds (every flush rewrites the newest pages of every table and index), so those 45 s of freed
 * chunks were a large part of the file: measured at 950 webhooks/s, 1,800 MiB after 5 minutes with
 * 45 s, 1,203 MiB with 5 s. With a sync every second the shorter retention keeps a margin of nine
 * seconds; a sync slower than {@value #SLOW_MILLIS} ms (or one that fails, or has not come back
 * by then) gives H2 its 45 s back until restart, with a warning. The
 * sync runs on its own thread: commits never wait for it. As a side effect, even without
 * {@code hookline.store.fsync}, a power loss loses about a second of commits rather than up to 30 s
 * (the kernel's write-back delay).
 */
final class H2Sync {

    private static final Logger log = LoggerFactory.getLogger(H2Sync.class);
    static final long EVERY_MILLIS = 1_000;
    static final int RETENTION_MILLIS = 10_000;
    static final long SLOW_MILLIS = 5_000;
    /** H2's own RETENTION_TIME: a store that has any other was set up by its owner and is left alone. */
    static final int H2_DEFAULT_RETENTION_MILLIS = 45_000;

    private final MVStore store;
    private final Timer syncs;
    private ScheduledExecutorService scheduler;
    /** When the sync under way started (System.nanoTime), or 0 between syncs: the watch reads it. */
    private volatile long syncingSince;

    private H2Sync(MVStore store, MeterRegistry meters) {
        this.store = store;
        this.syncs = Timer.builder("hookline.store.syncs").description("H2: forcing the file to the disk").register(meters);
    }

    /**
     * The sync for this database, or null when the store cannot be reached ({@code db} null: see
     * {@link DurableCommits#embeddedH2}) or its RETENTION_TIME was set in the JDBC URL.
     */
    static H2Sync of(Database db, MeterRegistry meters) {
        if (db == null) return null;
        MVStore store = db.getStore().getMvStore();
        if (store.getRetentionTime() != H2_DEFAULT_RETENTION_MILLIS) {
            log.info("H2 keeps freed chunks for {} ms (RETENTION_TIME set in the JDBC URL): Hookline leaves it as set",
                    store.getRetentionTime());
            return null;
        }
        return new H2Sync(store, meters);
    }

    void start() {
        // Two threads: the watch must see a sync that hangs, not wait behind it.
        scheduler = DaemonScheduler.of("hookline-store-sync", 2);
        store.setRetentionTime(RETENTION_MILLIS);
        scheduler.scheduleWithFixedDelay(this::sync, EVERY_MILLIS, EVERY_MILLIS, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::watch, EVERY_MILLIS, EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Lets a sync under way finish: interrupting a thread in H2's file I/O would close H2's file channel. */
    synchronized void stop() {
        if (scheduler != null) scheduler.shutdown();
        scheduler = null;
    }

    private void sync() {
        if (store.isClosed()) return; // the database was closed (shutdown); stop() ends the schedule
        long started = System.nanoTime();
        syncingSince = started;
        try {
            store.sync();
        } catch (RuntimeException e) {
            if (!store.isClosed()) keepFreedChunksLonger("could not force the H2 file to the disk: " + e);
            return;
        } finally {
            syncingSince = 0;
        }
        long nanos = System.nanoTime() - started;
        syncs.record(nanos, TimeUnit.NANOSECONDS);
        if (TimeUnit.NANOSECONDS.toMillis(nanos) > SLOW_MILLIS) {
            keepFreedChunksLonger("forcing the H2 file to the disk took " + TimeUnit.NANOSECONDS.toMillis(nanos) + " ms");
        }
    }

    /** A sync that has not come back after {@value #SLOW_MILLIS} ms no longer covers the shorter retention. */
    private void watch() {
        long since = syncingSince;
        if (since != 0 && TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since) > SLOW_MILLIS && !store.isClosed()) {
            keepFreedChunksLonger("forcing the H2 file to the disk has taken more than " + SLOW_MILLIS + " ms so far");
        }
    }

    private synchronized void keepFreedChunksLonger(String why) {
        if (store.getRetentionTime() == H2_DEFAULT_RETENTION_MILLIS) return; // said once already
        store.setRetentionTime(H2_DEFAULT_RETENTION_MILLIS);
        log.warn("{}: H2 now keeps freed chunks for {} s instead of {} s until restart, so that a power loss cannot "
                + "leave the file pointing at overwritten pages; the file will grow larger. Check the disk.",
                why, H2_DEFAULT_RETENTION_MILLIS / 1000, RETENTION_MILLIS / 1000);
    }
}
