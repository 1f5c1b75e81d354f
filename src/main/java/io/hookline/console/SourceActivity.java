package io.hookline.console;

import io.hookline.inbound.InboundProperties;
import io.hookline.inbound.RejectionLog;
import io.hookline.store.EventStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The last day of every source ({@link Overview}), for the overview and the sources page alike.
 * Counting reads every event of the day (about a second with 100,000 on H2), so pages show the
 * last count while a newer one is made in the background once it is older than
 * {@code hookline.console.counts-max-age}: one count at a time, whatever the number of viewers.
 * Refusals come from memory and are always current.
 */
@Component
class SourceActivity {

    private static final Logger log = LoggerFactory.getLogger(SourceActivity.class);

    /** One count of the store, and when it was made. */
    private record Counted(Instant at, EventStore.Activity activity) {
    }

    private final InboundProperties inbound;
    private final EventStore events;
    private final RejectionLog rejections;
    private final Clock clock;
    private final Duration maxAge;
    private final AtomicBoolean counting = new AtomicBoolean();
    private volatile Counted last;

    SourceActivity(InboundProperties inbound, EventStore events, RejectionLog rejections, Clock clock,
                   ConsoleProperties properties) {
        this.inbound = inbound;
        this.events = events;
        this.rejections = rejections;
        this.clock = clock;
        this.maxAge = properties.countsMaxAge();
    }

    Overview lastDay() {
        Instant now = clock.instant();
        Counted counted = last;
        if (counted == null || maxAge.isZero()) {
            counted = count();
        } else if (counted.at().plus(maxAge).isBefore(now) && counting.compareAndSet(false, true)) {
            CompletableFuture.runAsync(() -> {
                try {
                    count();
                } catch (RuntimeException e) {
                    log.warn("Could not count the last day's events for the console: {}", e.toString());
                } finally {
                    counting.set(false);
                }
            });
        }
        Map<String, String> configured = new LinkedHashMap<>();
        inbound.sources().forEach((name, source) -> configured.put(name, source.provider().id()));
        return Overview.of(configured, counted.activity().counts(), counted.activity().perHour(), rejections.lastDay(),
                now, counted.at());
    }

    private Counted count() {
        Instant now = clock.instant();
        Instant since = now.minus(Duration.ofHours(Overview.HOURS));
        Counted counted = new Counted(now, events.activitySince(since));
        last = counted;
        return counted;
    }
}
