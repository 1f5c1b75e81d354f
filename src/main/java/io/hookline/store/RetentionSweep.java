package io.hookline.store;

import io.hookline.job.DaemonScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntUnaryOperator;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps the store from growing without bound: every {@code hookline.retention.interval}, deletes
 * processed and quarantined events older than {@code hookline.retention.max-age} (with their
 * payload, history and actions), and outbound messages as old whose deliveries all succeeded or
 * failed (with the deliveries and their attempts), in small transactions so that it never holds
 * up incoming webhooks for long.
 */
@Component
public class RetentionSweep implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RetentionSweep.class);
    private static final int CHUNK = 500;

    private final EventStore store;
    private final DeliveryStore deliveries;
    private final Clock clock;
    private final StoreProperties.Retention config;
    private ScheduledExecutorService scheduler;
    private volatile boolean stopping;

    public RetentionSweep(EventStore store, DeliveryStore deliveries, Clock clock, StoreProperties properties) {
        this.store = store;
        this.deliveries = deliveries;
        this.clock = clock;
        this.config = properties.retention();
    }

    /** Deletes everything past the retention now; answers how many events went. */
    public int purge() {
        Duration maxAge = config.maxAge();
        if (maxAge == null) return 0;
        Instant cutoff = clock.instant().minus(maxAge);
        int events = inChunks(limit -> store.purgeFinishedBefore(cutoff, limit));
        int messages = inChunks(limit -> deliveries.purgeFinishedBefore(cutoff, limit));
        if (events > 0) log.info("Retention: deleted {} finished event(s) older than {}", events, maxAge);
        if (messages > 0) {
            log.info("Retention: deleted {} outbound message(s) older than {} with their deliveries", messages, maxAge);
        }
        return events;
    }

    private int inChunks(IntUnaryOperator purgeUpTo) {
        int total = 0;
        int deleted;
        do {
            deleted = purgeUpTo.applyAsInt(CHUNK);
            total += deleted;
        } while (deleted == CHUNK && !stopping);
        return total;
    }

    private void purgeQuietly() {
        try {
            purge();
        } catch (RuntimeException e) {
            log.warn("Retention sweep failed: {}", e.toString());
        }
    }

    @Override
    public void start() {
        if (config.maxAge() == null) return;
        stopping = false;
        scheduler = DaemonScheduler.of("hookline-retention", 1);
        long every = config.interval().toMillis();
        scheduler.scheduleWithFixedDelay(this::purgeQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        // A sweep under way stops after its chunk, not interrupted: interrupting a thread in H2's file
        // I/O closes H2's file channel.
        stopping = true;
        if (scheduler != null) scheduler.shutdown();
        scheduler = null;
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
