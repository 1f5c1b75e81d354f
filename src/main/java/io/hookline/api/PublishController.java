package io.hookline.api;

import io.hookline.problem.Problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookline.outbound.OutboundPublisher;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Publishes an event to the webhooks, in the envelope the seed platforms use:
 * {@code {"event", "name", "version", "timestamp", "data"}} ({@code event} and {@code data}
 * required; the rest default to the event name, "1.0" and now). Every delivery is stored before
 * the answer.
 */
@RestController
public class PublishController {

    private final OutboundPublisher publisher;
    private final ObjectMapper mapper;
    private final Clock clock;

    public PublishController(OutboundPublisher publisher, ObjectMapper mapper, Clock clock) {
        this.publisher = publisher;
        this.mapper = mapper;
        this.clock = clock;
    }

    @PostMapping("/api/events")
    public ResponseEntity<Map<String, Object>> publish(@RequestBody JsonNode body) throws Exception {
        if (body == null || !body.isObject()) throw new Problem(400, "bad_request", "the body must be a JSON object");
        JsonNode event = body.get("event");
        if (event == null || !event.isTextual() || !event.asText().matches("[A-Za-z0-9_.:-]{1,200}")) {
            throw new Problem(400, "bad_request", "event is required: the event name, e.g. program_application.rejected");
        }
        if (!body.path("data").isObject()) throw new Problem(400, "bad_request", "data is required: a JSON object");
        ObjectNode envelope = mapper.createObjectNode();
        envelope.put("event", event.asText());
        envelope.put("name", body.hasNonNull("name") ? body.get("name").asText() : event.asText());
        envelope.put("version", body.hasNonNull("version") ? body.get("version").asText() : "1.0");
        envelope.put("timestamp", body.hasNonNull("timestamp") ? body.get("timestamp").asText() : clock.instant().toString());
        envelope.set("data", body.get("data"));
        OutboundPublisher.Published p = publisher.publish(event.asText(), mapper.writeValueAsString(envelope));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", p.messageId());
        out.put("event", event.asText());
        out.put("deliveries", p.deliveryIds());
        return ResponseEntity.accepted().body(out);
    }
}
