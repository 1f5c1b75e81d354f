package io.hookline.api;

import io.hookline.processing.ProcessingProperties;
import io.hookline.problem.Problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookline.catalogue.EventCatalogue;
import io.hookline.event.Event;
import io.hookline.automation.ActionWorker;
import io.hookline.automation.AutomationRegistry;
import io.hookline.processing.EventDispatcher;
import io.hookline.store.ActionStatus;
import io.hookline.store.ActionStore;
import io.hookline.store.StoredAction;
import io.hookline.store.Attempt;
import io.hookline.store.EventQuery;
import io.hookline.store.EventStatus;
import io.hookline.store.EventStore;
import io.hookline.store.StoredEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The event log as people see it, through the admin API and the console alike: list, inspect
 * (payload, history, each automation's actions with their attempts) and replay. Errors are
 * {@link Problem}s, which the API renders as JSON and the console as a message.
 */
@Service
public class EventLog {

    private final EventStore store;
    private final EventDispatcher dispatcher;
    private final EventCatalogue catalogue;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final ProcessingProperties properties;
    private final ActionStore actions;
    private final ActionWorker worker;
    private final AutomationRegistry automations;

    public EventLog(EventStore store, EventDispatcher dispatcher, EventCatalogue catalogue, ObjectMapper mapper,
                    Clock clock, ProcessingProperties properties, ActionStore actions, ActionWorker worker,
                    AutomationRegistry automations) {
        this.actions = actions;
        this.worker = worker;
        this.automations = automations;
        this.store = store;
        this.dispatcher = dispatcher;
        this.catalogue = catalogue;
        this.mapper = mapper;
        this.clock = clock;
        this.properties = properties;
    }

    /** Newest first; each event as {@link #summary}. */
    public List<Map<String, Object>> list(EventQuery query) {
        return store.list(query).stream().map(EventLog::summary).toList();
    }

    /** Everything known of one event; 404 when there is none. */
    public Map<String, Object> detail(String id) {
        StoredEvent e = find(id);
        Map<String, Object> body = summary(e);
        body.put("payload", json(e.payload()));
        body.put("headers", e.headers() == null ? null : json(e.headers()));
        if (e.validationErrors() != null) body.put("validationErrors", json(e.validationErrors()));
        body.put("lastError", e.lastError());
        body.put("history", store.attempts(id).stream().map(EventLog::attempt).toList());
        body.put("automations", actions.forEvent(id).stream().map(this::action).toList());
        return body;
    }

    /**
     * Processes the event again through its routes (a quarantined one only if it now passes its
     * schema); its failed automation actions run again, the others are not repeated. With
     * {@code automation}, only that automation's actions for the event run again, whatever
     * their outcome was.
     */
    public Map<String, Object> replay(String id, String automation) {
        StoredEvent e = find(id);
        if (automation != null) return replayAutomation(e, automation);
        if (e.status() == EventStatus.ACCEPTED || dispatcher.holds(id)) {
            throw new Problem(409, "in_progress", "the event is already waiting to be processed, or being processed");
        }
        if (e.status() == EventStatus.QUARANTINED) {
            List<String> violations = catalogue.find(e.event().provider(), e.event().type())
                    .map(entry -> EventCatalogue.violations(entry, json(e.payload()))).orElse(List.of());
            if (!violations.isEmpty()) {
                store.requarantine(id, write(violations));
                throw new Problem(409, "quarantined",
                        "the payload still breaks the catalogue schema: " + String.join("; ", violations));
            }
        }
        Instant now = clock.instant();
        store.reopen(id, now.plus(properties.lease()));
        int rerun = actions.replay(id, null, now);
        dispatcher.submit(e); // reopening changed only its status and lease, which submit does not read
        if (rerun > 0) worker.wake();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("status", EventStatus.ACCEPTED.value());
        body.put("replayed", true);
        body.put("actions", rerun);
        return body;
    }

    private Map<String, Object> replayAutomation(StoredEvent e, String automation) {
        if (automations.find(automation).isEmpty()) {
            throw new Problem(404, "not_found", "no automation named " + automation + " is configured");
        }
        List<StoredAction> own = actions.forEvent(e.event().id()).stream()
                .filter(a -> a.automation().equals(automation)).toList();
        if (!own.isEmpty() && own.stream().allMatch(a -> a.status() == ActionStatus.SKIPPED)) {
            throw new Problem(404, "not_found", "automation " + automation + " was skipped for this event: "
                    + own.get(0).lastError() + " (replay the whole event to evaluate the filter again)");
        }
        if (own.isEmpty()) {
            throw new Problem(404, "not_found", "automation " + automation + " has no action for this event"
                    + " (replay the whole event to schedule automations added since it was processed)");
        }
        int rerun = actions.replay(e.event().id(), automation, clock.instant());
        if (rerun == 0) {
            throw new Problem(409, "in_progress", "automation " + automation + " is already pending for this event");
        }
        worker.wake();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", e.event().id());
        body.put("automation", automation);
        body.put("replayed", true);
        body.put("actions", rerun);
        return body;
    }

    private Map<String, Object> action(StoredAction a) {
        Map<String, Object> m = ActionViews.action(a);
        m.put("attempts", a.status() == ActionStatus.SKIPPED ? List.of()
                : actions.attempts(a.id()).stream().map(ActionViews::attempt).toList());
        return m;
    }

    private StoredEvent find(String id) {
        return store.find(id).orElseThrow(() -> new Problem(404, "not_found", "no event with id " + id));
    }

    static Map<String, Object> summary(StoredEvent stored) {
        Event e = stored.event();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("source", e.source());
        m.put("provider", e.provider());
        m.put("type", e.type());
        m.put("deliveryId", e.deliveryId());
        m.put("status", stored.status().value());
        m.put("receivedAt", e.receivedAt().toString());
        m.put("attempts", stored.attempts());
        m.put("finishedAt", stored.finishedAt() == null ? null : stored.finishedAt().toString());
        return m;
    }

    private static Map<String, Object> attempt(Attempt a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("attempt", a.attempt());
        m.put("startedAt", a.startedAt().toString());
        m.put("finishedAt", a.finishedAt().toString());
        m.put("outcome", a.outcome());
        m.put("error", a.error());
        return m;
    }

    private JsonNode json(String text) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return mapper.getNodeFactory().textNode(text);
        }
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
