package io.hookline.store;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.h2.engine.Database;
import org.h2.mvstore.MVStore;

/**
 * Keeps H2's file bounded, in small steps. H2 writes each flush as a new chunk and frees a chunk
 * only once none of its pages is live; a chunk that keeps a few long-lived pages (the finished
 * leaves of a table) stays for ever unless its live pages are moved (compaction). H2 compacts in
 * its background writer, but in large steps under the store's lock (up to twice its 19 MB commit
 * buffer moved at once, with a sync): a flush waiting behind it stalled for up to 250 ms in the
 * benchmark (p99 of the webhook answers 83 ms, against 19 ms without it). So Hookline turns H2's
 * own compaction off ({@code AUTO_COMPACT_FILL_RATE=0} in the JDBC URL, see
 * {@link FlushingDataSource}) and the flusher moves a step of live pages (sized below) every
 * {@value #EVERY_MILLIS} ms, from the chunks that are least full, while
 * they fill under {@code hookline.store.compaction-fill} (50 % by default). Measured in the soak
 * (1,560 webhooks/s, every event kept): the file grows with the stored events, 5.2 KiB each (36.5 KiB without compaction),
 * on top of the freed chunks that H2 keeps for a while before it reuses their space ({@link H2Sync}).
 * Each step ranks every chunk of the file (tens of thousands under load, one per flush): every
 * 25 ms with 256 KiB steps that ranking was 8 % of Hookline's CPU; every 100 ms with 1 MiB steps,
 * the same bytes moved per second, 14 % less CPU per webhook, the same p99 and file size. Since
 * H2 reuses freed space after 10 s instead of 45 s ({@link H2Sync}), 1 MiB steps no longer keep up
 * (probably because they now reach younger chunks, whose live pages die more often after the
 * move): the chunks
 * stayed 35 % live and the file grew 4.3 KiB per event (10-minute soak at 950 webhooks/s), against
 * 47 % and 3.0 KiB with 4 MiB steps. More frequent steps did worse (35 % every 25 ms). Larger
 * steps make commits wait longer behind them (p99.9 of the soak's answers 55 ms against 30), so a
 * step is {@value #LARGE_STEP_BYTES} bytes only while the chunks are {@value #FAR_BEHIND} points or
 * more under the target, and {@value #STEP_BYTES} bytes closer to it (bench/README.md, fourth round).
 */
final class H2Compaction {

    static final String URL_SETTING = "AUTO_COMPACT_FILL_RATE";
    static final long EVERY_MILLIS = 100;
    static final int STEP_BYTES = 1 << 20;
    static final int LARGE_STEP_BYTES = 4 << 20;
    static final int FAR_BEHIND = 5;

    private final MVStore store;
    private final int fill;
    private final Timer moves;

    private H2Compaction(MVStore store, int fill, MeterRegistry meters) {
        this.store = store;
        this.fill = fill;
        this.moves = Timer.builder("hookline.store.compactions") // the steps that moved pages, and their time
                .description("H2: compaction steps that moved live pages (each up to " + (LARGE_STEP_BYTES >> 20) + " MiB)").register(meters);
        registerGauges(meters);
    }

    /**
     * Compaction for this database, or null when H2 compacts by itself (the URL sets its own
     * {@value #URL_SETTING}) or the store cannot be reached ({@code db} null: see {@link DurableCommits#embeddedH2}).
     */
    static H2Compaction of(Database db, int fill, MeterRegistry meters) {
        if (db == null || db.getSettings().autoCompactFillRate != 0) return null;
        return new H2Compaction(db.getStore().getMvStore(), fill, meters);
    }

    /** Moves live pages out of the least full chunks, if the chunks are under the target fill rate. */
    boolean step() {
        long started = System.nanoTime();
        int now = store.getFileStore().getChunksFillRate();
        if (now >= fill) return false;
        boolean moved = store.compact(fill, stepBytes(now, fill));
        if (moved) moves.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        return moved;
    }

    /** How many bytes of live pages a step moves when the chunks are {@code now} % live. */
    static int stepBytes(int now, int target) {
        return now <= target - FAR_BEHIND ? LARGE_STEP_BYTES : STEP_BYTES;
    }

    boolean closed() {
        return store.isClosed();
    }

    /**
     * {@code hookline.store.chunks.fill}, {@code hookline.store.file.fill} and {@code hookline.store.file.size}:
     * what compaction keeps in check. The file is its chunks plus free space that H2 has not reused yet, so
     * the live data is about size × file fill × chunks fill.
     */
    private void registerGauges(MeterRegistry meters) {
        Gauge.builder("hookline.store.chunks.fill", this, c -> c.closed() ? Double.NaN : c.store.getFileStore().getChunksFillRate())
                .baseUnit("percent").description("H2: how much of the file's chunks holds live data").register(meters);
        Gauge.builder("hookline.store.file.fill", this, c -> c.closed() ? Double.NaN : c.store.getFillRate())
                .baseUnit("percent").description("H2: how much of the file its chunks take (the rest is free space to reuse)")
                .register(meters);
        Gauge.builder("hookline.store.file.size", this, c -> c.closed() ? Double.NaN : c.store.getFileStore().size())
                .baseUnit("bytes").description("H2: the database file's size").register(meters);
    }

    /** The JDBC URL with H2's own compaction off, unless the URL decides it itself. */
    static String withoutAutoCompaction(String url) {
        return url == null || !url.startsWith("jdbc:h2:") ? url : FlushingDataSource.withSetting(url, URL_SETTING, "0");
    }
}
