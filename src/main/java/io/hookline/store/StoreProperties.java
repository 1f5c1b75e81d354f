package io.hookline.store;

import io.hookline.validation.Checked;
import io.hookline.validation.Checks;
import io.hookline.validation.SelfChecked;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hookline.store} and {@code hookline.retention}: how the store writes, and how long finished events stay.
 *
 * @param store     How the store writes (H2).
 * @param retention How long finished events stay in the log.
 */
@ConfigurationProperties("hookline")
@Validated
@Checked
public record StoreProperties(@DefaultValue Store store, @DefaultValue Retention retention) implements SelfChecked {

    /**
     * @param fsync         On H2, also force every flush of committed writes to the disk (fsync), so that an
     *                      acknowledged webhook survives a power loss or an operating-system crash, not only a
     *                      crash of Hookline. Costs one fsync per group of commits. PostgreSQL ignores it (it
     *                      fsyncs by itself).
     * @param flushInterval On H2, the shortest time between two writes of committed changes to the file. Commits
     *                      that arrive meanwhile wait and share the next write: larger groups write far fewer bytes
     *                      (each write rewrites the newest pages of every table and index), at the cost of up to this
     *                      much latency. 0 writes as soon as a commit waits.
     * @param compactionFill On H2, the least share (percent) of each part of the file that holds live data: parts
     *                      that fall under it have their live data moved, a little after each flush, and are then
     *                      freed. Higher keeps the file smaller (about the live data divided by this share) for more
     *                      bytes moved, so more CPU and disk writes per event. From 10 to 90.
     * @param compressPayloads Keep each new event's payload deflated (about half the bytes of a JSON body, for
     *                      ~7 µs of CPU per KB). false keeps new payloads as text, for reading them with SQL. Both
     *                      kinds read back the same, whatever the setting, so it may be changed at any restart.
     */
    public record Store(@DefaultValue("false") boolean fsync, @DefaultValue("5ms") Duration flushInterval,
                        @DefaultValue("50") int compactionFill, @DefaultValue("true") boolean compressPayloads) {
    }

    /**
     * @param maxAge   Processed and quarantined events older than this are deleted, with their payload and
     *                 history (failed and not yet processed events are kept). A delivery re-sent after that
     *                 is no longer recognised as a duplicate, so keep it longer than any sender retries.
     *                 An empty value is the 30d default.
     * @param interval How often to delete what is older than max-age.
     */
    public record Retention(@DefaultValue("30d") Duration maxAge, @DefaultValue("1h") Duration interval) {
    }

    @Override
    public void check(Checks checks) {
        if (retention.maxAge() != null && !Checks.positive(retention.maxAge())) {
            checks.field("retention.maxAge", "must be a positive duration such as 30d (3650d keeps events for ten years)");
        }
        if (!Checks.positive(retention.interval())) {
            checks.field("retention.interval", "must be a positive duration such as 1h");
        }
        if (store.compactionFill() < 10 || store.compactionFill() > 90) {
            checks.field("store.compactionFill", "must be a percentage from 10 to 90, e.g. 50");
        }
        Duration flush = store.flushInterval();
        if (flush == null || flush.isNegative() || flush.compareTo(Duration.ofSeconds(1)) > 0) {
            checks.field("store.flushInterval", "must be between 0 and 1s, e.g. 5ms");
        }
    }
}
