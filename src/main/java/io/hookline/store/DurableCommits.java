package io.hookline.store;

import io.hookline.job.GroupCommit;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.h2.engine.Database;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.stereotype.Component;

/**
 * Makes every commit durable before the committer goes on, on H2 as on PostgreSQL.
 *
 * <p>H2 keeps committed changes in memory until its store writes them to the file: a process
 * killed in between loses transactions it had reported as committed (checked: 100 committed rows,
 * then a halt, gave an empty database). H2's {@code WRITE_DELAY 0} writes at every commit, but
 * then nothing ever compacts the file (H2 compacts in its background writer, which a delay of 0
 * stops): the file and the chunk metadata on the heap grew with every commit, for ever (the soak:
 * 36.5 KiB of file and ~100 bytes of heap per event, never given back).
 *
 * <p>So on H2 the write delay stays at {@value #H2_WRITE_DELAY_MS} ms and a commit is made durable
 * by a flush of the store ({@code CHECKPOINT}): one flusher thread runs a flush whenever commits
 * wait for one, and each flush covers every commit made before it started. Under load one file
 * write then serves many commits, from any thread (group commit at the file level). Between
 * flushes the same thread compacts the file in small steps ({@link H2Compaction}), in place of
 * H2's own compaction, whose large steps made commits wait. Connections handed out by the application's
 * {@link DataSource} wait for a flush when they are closed after a write (see
 * {@link FlushingDataSource}), so no store class can forget it; the group-commit writers
 * ({@link GroupCommit}) flush on their own, without blocking their thread ({@link #withoutWaiting}, {@link #flush()}).
 *
 * <p>With {@code hookline.store.fsync=true} each flush also forces the file to the disk
 * ({@code CHECKPOINT SYNC}): a commit then survives a power loss too, at the cost of an fsync per
 * flush. PostgreSQL is durable by itself: nothing is done there.
 */
@Component
public class DurableCommits implements DisposableBean, GroupCommit.Durability {

    private static final Logger log = LoggerFactory.getLogger(DurableCommits.class);
    /** H2's own default: how long H2 may hold changes that no one asked to flush (leases, sweeps). */
    static final int H2_WRITE_DELAY_MS = 500;
    private static final long WAIT_SECONDS = 30;
    private static final ThreadLocal<Boolean> WITHOUT_WAITING = ThreadLocal.withInitial(() -> false);

    private final DataSource target;
    private final boolean h2;
    private final String flushSql;
    private final Object lock = new Object();
    /** Completes after the next flush that starts after it was handed out. */
    private CompletableFuture<Void> next = new CompletableFuture<>();
    private boolean requested;
    private final Timer flushes;
    private final long flushInterval;
    private volatile boolean running;
    private Thread thread;
    private Connection connection;
    /** Null when H2 compacts by itself (or cannot be reached): see {@link H2Compaction}. */
    private H2Compaction compaction;
    /** Null when H2's RETENTION_TIME is set in the URL (or the store cannot be reached): see {@link H2Sync}. */
    private H2Sync sync;

    public DurableCommits(DataSource dataSource, StoreProperties properties, MeterRegistry meters) throws SQLException {
        // The flusher's own connection must not wait for itself on close.
        this.target = dataSource instanceof DelegatingDataSource d ? d.getTargetDataSource() : dataSource;
        try (Connection c = target.getConnection()) {
            this.h2 = "H2".equalsIgnoreCase(c.getMetaData().getDatabaseProductName());
            if (h2) {
                try (Statement s = c.createStatement()) {
                    // Also undoes the WRITE_DELAY 0 that earlier versions stored in the database.
                    s.execute("SET WRITE_DELAY " + H2_WRITE_DELAY_MS);
                }
            }
        }
        this.flushSql = properties.store().fsync() ? "CHECKPOINT SYNC" : "CHECKPOINT";
        this.flushInterval = properties.store().flushInterval().toNanos();
        this.flushes = Timer.builder("hookline.store.flushes")
                .description("Writes of committed changes to the H2 file, each for every commit waiting").register(meters);
        if (dataSource instanceof FlushingDataSource flushing) flushing.flushWith(this);
        if (h2) {
            Database db = embeddedH2(ownConnection());
            compaction = compaction(db, properties.store().compactionFill(), meters);
            sync = H2Sync.of(db, meters);
            if (sync != null) sync.start();
            running = true;
            thread = new Thread(this::loop, "hookline-store-flush");
            thread.setDaemon(true);
            thread.start();
            log.debug("H2: commits are flushed to the file in groups ({}); compaction in small steps: {}", flushSql,
                    compaction != null);
        }
    }

    private static H2Compaction compaction(Database db, int fill, MeterRegistry meters) {
        H2Compaction c = H2Compaction.of(db, fill, meters);
        if (c == null) {
            log.info("H2 compacts its file by itself here ({} set in the JDBC URL, or H2 in server mode): "
                    + "expect commits to wait for it now and then", H2Compaction.URL_SETTING);
        }
        return c;
    }

    /** The embedded H2 database behind a connection (its store), or null: H2 in server mode, or in memory. */
    static Database embeddedH2(Connection connection) throws SQLException {
        JdbcConnection h2 = connection.unwrap(JdbcConnection.class);
        return h2.getSession() instanceof SessionLocal local && local.getDatabase().isPersistent() ? local.getDatabase() : null;
    }

    /** The flusher's own connection, which also reaches H2's store. */
    private synchronized Connection ownConnection() throws SQLException {
        if (connection == null) connection = target.getConnection();
        return connection;
    }

    /**
     * Completes once every commit made before this call is in the database file; at once where
     * the database is durable by itself. Completes exceptionally if the flush failed.
     */
    @Override
    public CompletableFuture<Void> flush() {
        if (!h2) return CompletableFuture.completedFuture(null);
        synchronized (lock) {
            if (!running) return flushHere();
            requested = true;
            lock.notifyAll();
            return next;
        }
    }

    /** Waits for {@link #flush()}; a failure or a timeout is a {@link StoreUnavailableException}. */
    public void awaitFlush() {
        if (!h2 || WITHOUT_WAITING.get()) return;
        try {
            flush().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new StoreUnavailableException("the store could not write its commits to the file", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for the store to write its commits", e);
        }
    }

    /**
     * Runs {@code work} without waiting for a flush when its connections are closed: for a writer
     * that calls {@link #flush()} itself and acknowledges once that completes.
     */
    @Override
    public <T> T withoutWaiting(Supplier<T> work) {
        boolean outer = WITHOUT_WAITING.get();
        WITHOUT_WAITING.set(true);
        try {
            return work.get();
        } finally {
            WITHOUT_WAITING.set(outer);
        }
    }

    private void loop() {
        long nextCompaction = System.nanoTime();
        long lastFlush = System.nanoTime() - flushInterval;
        while (true) {
            CompletableFuture<Void> batch = null;
            synchronized (lock) {
                while (running) {
                    // Wake for a flush (no sooner than flush-interval after the last one: the commits
                    // arriving meanwhile join it) or for a compaction step.
                    long now = System.nanoTime();
                    long wake = Long.MAX_VALUE;
                    if (requested) wake = lastFlush + flushInterval;
                    if (compaction != null && (wake == Long.MAX_VALUE || nextCompaction - wake < 0)) wake = nextCompaction;
                    if (wake != Long.MAX_VALUE && now - wake >= 0) break;
                    try {
                        lock.wait(wake == Long.MAX_VALUE ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(wake - now)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        running = false;
                    }
                }
                if (!running && !requested) return;
                if (requested && (!running || System.nanoTime() - (lastFlush + flushInterval) >= 0)) {
                    requested = false;
                    batch = next;
                    next = new CompletableFuture<>();
                }
            }
            boolean compacted = false;
            if (compaction != null && System.nanoTime() - nextCompaction >= 0) {
                compacted = compact();
                nextCompaction = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(H2Compaction.EVERY_MILLIS);
            }
            if (batch == null && !compacted) continue;
            lastFlush = System.nanoTime();
            try {
                checkpoint(); // also writes the pages a compaction step moved
                if (batch != null) batch.complete(null);
            } catch (SQLException | RuntimeException e) {
                log.error("Could not write the store's commits to the file: {}", e.toString());
                if (batch != null) batch.completeExceptionally(e);
            }
        }
    }

    private boolean compact() {
        try {
            return compaction.step();
        } catch (RuntimeException e) {
            if (compaction.closed()) {
                compaction = null; // the database was closed (shutdown): nothing left to compact
            } else {
                log.warn("H2 compaction step failed: {}", e.toString());
            }
            return false;
        }
    }

    /** When the flusher is stopped (start-up, shutdown): flush on the caller's thread. */
    private CompletableFuture<Void> flushHere() {
        try {
            checkpoint();
            return CompletableFuture.completedFuture(null);
        } catch (SQLException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private synchronized void checkpoint() throws SQLException {
        long started = System.nanoTime();
        try {
            if (connection == null || connection.isClosed()) connection = target.getConnection();
            try (Statement s = connection.createStatement()) {
                s.execute(flushSql);
            }
        } catch (SQLException e) {
            closeConnection();
            throw e;
        } finally {
            flushes.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    private synchronized void closeConnection() {
        if (connection == null) return;
        try {
            connection.close();
        } catch (SQLException ignored) {
            // it is being replaced or the application is stopping
        }
        connection = null;
    }

    @Override
    public void destroy() throws InterruptedException {
        synchronized (lock) {
            running = false;
            lock.notifyAll();
        }
        if (thread != null) thread.join(10_000); // it finishes a requested flush first
        if (sync != null) sync.stop();
        closeConnection();
    }
}
