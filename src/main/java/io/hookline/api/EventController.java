package io.hookline.api;

import io.hookline.problem.Problem;
import io.hookline.store.ActionStatus;
import io.hookline.store.EventQuery;
import io.hookline.store.EventStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The event log over HTTP: list, inspect and replay what Hookline received (see {@link EventLog}). */
@RestController
@RequestMapping("/api/events")
public class EventController {

    private final EventLog log;

    public EventController(EventLog log) {
        this.log = log;
    }

    @GetMapping
    public Map<String, Object> list(@RequestParam(required = false) String source,
                                    @RequestParam(required = false) String type,
                                    @RequestParam(required = false) String status,
                                    @RequestParam(required = false) String automationStatus,
                                    @RequestParam(required = false) String deliveryId,
                                    @RequestParam(required = false) String from,
                                    @RequestParam(required = false) String to,
                                    @RequestParam(required = false) String before,
                                    @RequestParam(defaultValue = "50") int limit,
                                    @RequestParam(defaultValue = "0") int offset) {
        Page page = Page.of(limit, offset);
        ActionStatus withActions = ActionViews.status("automationStatus", automationStatus);
        List<Map<String, Object>> events = log.list(new EventQuery(source, type, status(status), withActions,
                deliveryId, instant("from", from), instant("to", to), before, limit, offset));
        return page.body("events", events);
    }

    @GetMapping("/{id}")
    public Map<String, Object> get(@PathVariable String id) {
        return log.detail(id);
    }

    /** See {@link EventLog#replay}. */
    @PostMapping("/{id}/replay")
    public ResponseEntity<Map<String, Object>> replay(@PathVariable String id,
                                                      @RequestParam(required = false) String automation) {
        return ResponseEntity.accepted().body(log.replay(id, automation));
    }

    /** An event status by its name; 400 naming the choices otherwise. */
    public static EventStatus status(String status) {
        if (status == null || status.isBlank()) return null;
        try {
            return EventStatus.of(status);
        } catch (IllegalArgumentException e) {
            throw new Problem(400, "bad_request", "status must be one of accepted, processed, failed, quarantined");
        }
    }

    /** An ISO-8601 instant (2026-12-03T10:00:00Z); 400 naming the parameter otherwise. */
    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new Problem(400, "bad_request", name + " must be an ISO-8601 instant such as 2026-12-03T10:00:00Z");
        }
    }
}
