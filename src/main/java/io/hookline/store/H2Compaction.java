package io.hookline.store;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import org.h2.engine.Database;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

/**
 * Keeps H2's file bounded, in small steps. H2 writes each flush as a new chunk and frees a chunk
 * only once none of its pages is live; a chunk that keeps a few long-lived pages (the finished
 * leaves of a table) stays for ever unless its live pages are moved (compaction). H2 compacts in
 * its background writer, but in large steps under the store's lock (up to twice its 19 MB commit
 * buffer moved at once, with a sync): a flush waiting behind it stalled for up to 250 ms in the
 * benchmark (p99 of the webhook answers 83 ms, against 19 ms without it). So Hookline turns H2's
 * own compaction off ({@code AUTO_COMPACT_FILL_RATE=0} in the JDBC URL, see
 * {@link FlushingDataSource}) and the flusher moves at most {@value #STEP_BYTES} bytes of live
 * pages at a time, every {@value #EVERY_MILLIS} ms, from the chunks that are least full, while
 * they fill under {@code hookline.store.compaction-fill} (50 % by default). Measured in the soak
 * (1,560 webhooks/s, every event kept): the file grows with the stored events, 5.2 KiB each (36.5 KiB without compaction),
 * on top of the chunks of the last 45 s that H2 keeps whatever happens (its RETENTION_TIME).
 * Each step ranks every chunk of the file (tens of thousands under load, one per flush): every
 * 25 ms with 256 KiB steps that ranking was 8 % of Hookline's CPU; every 100 ms with 1 MiB steps,
 * the same bytes moved per second, 14 % less CPU per webhook, the same p99 and file size.
 */
final class H2Compaction {

    static final String URL_SETTING = "AUTO_COMPACT_FILL_RATE";
    static final long EVERY_MILLIS = 100;
    static final int STEP_BYTES = 1 << 20;

    private final MVStore store;
    private final int fill;

    private H2Compaction(MVStore store, int fill) {
        this.store = store;
        this.fill = fill;
    }

    /**
     * Compaction for this database, or null when H2 compacts by itself (the URL sets its own
     * {@value #URL_SETTING}) or the store cannot be reached (H2 in server mode).
     */
    static H2Compaction of(Connection connection, int fill) throws SQLException {
        JdbcConnection h2 = connection.unwrap(JdbcConnection.class);
        if (!(h2.getSession() instanceof SessionLocal local)) return null;
        Database db = local.getDatabase();
        if (db.getSettings().autoCompactFillRate != 0 || !db.isPersistent()) return null;
        return new H2Compaction(db.getStore().getMvStore(), fill);
    }

    /** Moves live pages out of the least full chunks, if the chunks are under the target fill rate. */
    boolean step() {
        return store.compact(fill, STEP_BYTES);
    }

    boolean closed() {
        return store.isClosed();
    }

    /** {@code hookline.store.chunks.fill} and {@code hookline.store.file.size}: what compaction keeps in check. */
    void registerGauges(MeterRegistry meters) {
        Gauge.builder("hookline.store.chunks.fill", this, c -> c.closed() ? Double.NaN : c.store.getFileStore().getChunksFillRate())
                .baseUnit("percent").description("H2: how much of the file's chunks holds live data").register(meters);
        Gauge.builder("hookline.store.file.size", this, c -> c.closed() ? Double.NaN : c.store.getFileStore().size())
                .baseUnit("bytes").description("H2: the database file's size").register(meters);
    }

    /** The JDBC URL with H2's own compaction off, unless the URL decides it itself. */
    static String withoutAutoCompaction(String url) {
        return url == null || !url.startsWith("jdbc:h2:") ? url : FlushingDataSource.withSetting(url, URL_SETTING, "0");
    }
}
