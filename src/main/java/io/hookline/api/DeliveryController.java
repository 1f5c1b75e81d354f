package io.hookline.api;

import io.hookline.problem.Problem;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The delivery log: one delivery with every attempt, and re-sending (all through {@link DeliveryLog}). */
@RestController
@RequestMapping("/api/deliveries")
public class DeliveryController {

    private final DeliveryLog log;

    public DeliveryController(DeliveryLog log) {
        this.log = log;
    }

    @GetMapping("/{id}")
    public Map<String, Object> get(@PathVariable String id) {
        return log.detail(id);
    }

    /** Sends it again with the same delivery id, from a fresh attempt budget. */
    @PostMapping("/{id}/resend")
    public ResponseEntity<Map<String, Object>> resend(@PathVariable String id) {
        return ResponseEntity.accepted().body(log.resend(id));
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
        return ResponseEntity.accepted().body(Map.of("resent", log.resendFailed(since, webhook)));
    }
}
