package io.hookline.console;

import io.hookline.inbound.InboundProperties;
import io.hookline.inbound.RejectionLog;
import io.hookline.store.EventStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The last day of every source ({@link Overview}), for the overview and the sources page alike. */
@Component
class SourceActivity {

    private final InboundProperties inbound;
    private final EventStore events;
    private final RejectionLog rejections;
    private final Clock clock;

    SourceActivity(InboundProperties inbound, EventStore events, RejectionLog rejections, Clock clock) {
        this.inbound = inbound;
        this.events = events;
        this.rejections = rejections;
        this.clock = clock;
    }

    Overview lastDay() {
        Instant now = clock.instant();
        Instant since = now.minus(Duration.ofHours(Overview.HOURS));
        Map<String, String> configured = new LinkedHashMap<>();
        inbound.sources().forEach((name, source) -> configured.put(name, source.provider().id()));
        return Overview.of(configured, events.countsSince(since), events.perHourSince(since), rejections.lastDay(), now);
    }
}
