package io.hookline.api;

import io.hookline.problem.Problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookline.outbound.DeliveryWorker;
import io.hookline.store.Delivery;
import io.hookline.store.DeliveryAttempt;
import io.hookline.store.DeliveryStore;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The delivery log: one delivery with every attempt, and re-sending. */
@RestController
@RequestMapping("/api/deliveries")
public class DeliveryController {

    private final DeliveryStore deliveries;
    private final DeliveryWorker worker;
    private final ObjectMapper mapper;
    private final Clock clock;

    public DeliveryController(DeliveryStore deliveries, DeliveryWorker worker, ObjectMapper mapper, Clock clock) {
        this.deliveries = deliveries;
        this.worker = worker;
        this.mapper = mapper;
        this.clock = clock;
    }

    @GetMapping("/{id}")
    public Map<String, Object> get(@PathVariable String id) {
        Delivery d = find(id);
        Map<String, Object> m = summary(d);
        m.put("body", deliveries.body(d.messageId()).map(this::json).orElse(null));
        m.put("attempts", deliveries.attempts(id).stream().map(this::attempt).toList());
        return m;
    }

    /** Sends it again with the same delivery id, from a fresh attempt budget. */
    @PostMapping("/{id}/resend")
    public ResponseEntity<Map<String, Object>> resend(@PathVariable String id) {
        find(id);
        if (!deliveries.resend(id, clock.instant())) {
            throw new Problem(409, "in_progress", "the delivery is already pending");
        }
        worker.wake();
        return ResponseEntity.accepted().body(Map.of("id", id, "status", Delivery.PENDING));
    }

    /** {@code {"since": "<ISO instant>", "webhookId": optional}}: every failed delivery created since then. */
    @PostMapping("/resend")
    public ResponseEntity<Map<String, Object>> resendFailed(@RequestBody JsonNode body) {
        if (body == null || !body.hasNonNull("since")) {
            throw new Problem(400, "bad_request", "since is required: an ISO-8601 instant such as 2026-11-24T00:00:00Z");
        }
        Instant since;
        try {
            since = Instant.parse(body.get("since").asText());
        } catch (DateTimeParseException e) {
            throw new Problem(400, "bad_request", "since must be an ISO-8601 instant such as 2026-11-24T00:00:00Z");
        }
        String webhook = body.hasNonNull("webhookId") ? body.get("webhookId").asText() : null;
        int n = deliveries.resendFailed(since, webhook, clock.instant());
        if (n > 0) worker.wake();
        return ResponseEntity.accepted().body(Map.of("resent", n));
    }

    private Delivery find(String id) {
        return deliveries.find(id).orElseThrow(() -> new Problem(404, "not_found", "no delivery with id " + id));
    }

    static Map<String, Object> summary(Delivery d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("webhookId", d.webhookId());
        m.put("messageId", d.messageId());
        m.put("event", d.event());
        m.put("status", d.status());
        m.put("tries", d.tries());
        m.put("nextAttemptAt", Delivery.PENDING.equals(d.status()) ? d.nextAttemptAt().toString() : null);
        m.put("lastError", d.lastError());
        m.put("createdAt", d.createdAt().toString());
        m.put("updatedAt", d.updatedAt().toString());
        return m;
    }

    private Map<String, Object> attempt(DeliveryAttempt a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("attempt", a.attempt());
        m.put("scheduledAt", a.scheduledAt().toString());
        m.put("startedAt", a.startedAt().toString());
        m.put("durationMs", a.durationMs());
        m.put("requestHeaders", json(a.requestHeaders()));
        m.put("responseStatus", a.responseStatus());
        m.put("responseHeaders", a.responseHeaders() == null ? null : json(a.responseHeaders()));
        m.put("responseBody", a.responseBody());
        m.put("error", a.error());
        return m;
    }

    private JsonNode json(String text) {
        try {
            return mapper.readTree(text);
        } catch (Exception e) {
            return mapper.getNodeFactory().textNode(text);
        }
    }
}
