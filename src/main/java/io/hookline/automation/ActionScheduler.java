package io.hookline.automation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookline.event.EventView;
import io.hookline.processing.EventHeaders;
import io.hookline.store.ActionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The step of the dispatch route that turns an event into automation actions: cancels the
 * pending series steps it cancels, then schedules one action per step of every automation
 * listening to it whose filter passes, and leaves a {@code skipped} trace for each whose filter
 * is false. Scheduling is idempotent, so an event processed again (recovery, replay) never runs
 * an automation twice. The body is the event's {@link EventView} as the enrich step left it
 * ({@link io.hookline.processing.EventEnricher}); when an enrich route ran, the actions are
 * stored with its payload, so that they render over it whenever they run.
 */
@Component
public class ActionScheduler implements Processor {

    private static final Logger log = LoggerFactory.getLogger(ActionScheduler.class);
    private static final Duration LOAD_WAIT = Duration.ofSeconds(60);

    private final AutomationRegistry registry;
    private final ActionStore store;
    private final ActionWorker worker;
    private final Clock clock;
    private final ObjectMapper mapper;

    public ActionScheduler(AutomationRegistry registry, ActionStore store, ActionWorker worker, Clock clock,
                           ObjectMapper mapper) {
        this.mapper = mapper;
        this.registry = registry;
        this.store = store;
        this.worker = worker;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        String eventId = exchange.getIn().getHeader(EventHeaders.EVENT_ID, String.class);
        String source = exchange.getIn().getHeader(EventHeaders.SOURCE, String.class);
        String type = exchange.getIn().getHeader(EventHeaders.TYPE, String.class);
        // The body is the event's view, as the enrich route (if any) left it: filters and templates read it as it is.
        Map<String, Object> view = EventView.checked(exchange.getIn().getBody());
        String payload = Boolean.TRUE.equals(exchange.getIn().getHeader(EventHeaders.ENRICHED, Boolean.class))
                ? json(view.get(EventView.PAYLOAD)) : null;
        Instant now = clock.instant();
        int scheduled = 0;
        for (Automation a : registry.all(LOAD_WAIT)) {
            if (a.cancelledBy(source, type)) {
                String key = a.cancel().match().render(view);
                if (!key.isBlank()) {
                    int n = store.cancel(a.name(), key, "cancelled by event " + eventId + " (" + source + "/" + type + ")", now);
                    if (n > 0) log.info("Event {} cancelled {} pending step(s) of automation {}", eventId, n, a.name());
                }
            }
            if (!a.listensTo(source, type)) continue;
            if (!passes(a, view, exchange)) {
                store.skip(eventId, a.name(), "when evaluated false: " + a.whenText(), now);
                continue;
            }
            String correlation = a.cancel() == null ? null : a.cancel().match().render(view);
            for (int step = 0; step < a.steps().size(); step++) {
                Instant due = now.plus(a.steps().get(step).after());
                if (store.schedule(eventId, a.name(), step, due, correlation, payload, now)) scheduled++;
            }
        }
        exchange.getIn().setHeader(EventHeaders.ACTIONS, scheduled);
        if (scheduled > 0) worker.wake();
    }

    private String json(Object payload) {
        try {
            return mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the enriched event payload cannot be written as JSON: " + e.getOriginalMessage());
        }
    }

    private static boolean passes(Automation a, Map<String, Object> view, Exchange origin) {
        if (a.when() == null) return true;
        Exchange probe = new DefaultExchange(origin.getContext());
        probe.getIn().setBody(view);
        return a.when().matches(probe);
    }
}
