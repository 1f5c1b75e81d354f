package io.hookline.api;

import io.hookline.problem.Problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookline.outbound.OutboundProperties;
import io.hookline.outbound.OutboundPublisher;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Publishes events to the webhooks, in the envelope the seed platforms use:
 * {@code {"event", "name", "version", "timestamp", "data"}} ({@code event} and {@code data}
 * required; the rest default to the event name, "1.0" and now). The body is one envelope, or a
 * JSON array of 1 to {@code hookline.outbound.max-batch} of them: every item is checked before
 * anything is stored, then all are stored in one commit. Every delivery is stored before the answer.
 */
@RestController
public class PublishController {

    private final OutboundPublisher publisher;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final int maxBatch;

    public PublishController(OutboundPublisher publisher, ObjectMapper mapper, Clock clock, OutboundProperties properties) {
        this.publisher = publisher;
        this.mapper = mapper;
        this.clock = clock;
        this.maxBatch = properties.outbound().maxBatch();
    }

    @PostMapping("/api/events")
    public ResponseEntity<Map<String, Object>> publish(@RequestBody JsonNode body) throws Exception {
        if (body != null && body.isArray()) return ResponseEntity.accepted().body(publishAll(body));
        if (body == null || !body.isObject()) {
            throw new Problem(400, "bad_request", "the body must be a JSON object, or an array of 1 to " + maxBatch + " of them");
        }
        String problem = problem(body);
        if (problem != null) throw new Problem(400, "bad_request", problem);
        List<OutboundPublisher.Published> published = publisher.publishAll(List.of(outgoing(body)));
        return ResponseEntity.accepted().body(answer(body, published.get(0)));
    }

    /** Every item checked first (the first bad one answers 400 with its index), then all stored in one commit. */
    private Map<String, Object> publishAll(JsonNode items) throws Exception {
        if (items.isEmpty() || items.size() > maxBatch) {
            throw new Problem(400, "bad_request", "an array of 1 to " + maxBatch + " events is expected (hookline.outbound.max-batch), not "
                    + items.size());
        }
        for (int i = 0; i < items.size(); i++) {
            String problem = items.get(i).isObject() ? problem(items.get(i)) : "must be a JSON object";
            if (problem != null) throw new Problem(400, "bad_request", "items[" + i + "]: " + problem);
        }
        List<OutboundPublisher.Outgoing> outgoing = new ArrayList<>(items.size());
        for (JsonNode item : items) outgoing.add(outgoing(item));
        List<OutboundPublisher.Published> published = publisher.publishAll(outgoing);
        List<Map<String, Object>> messages = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) messages.add(answer(items.get(i), published.get(i)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("messages", messages);
        return out;
    }

    /** What is wrong with an envelope, or null. */
    private static String problem(JsonNode item) {
        JsonNode event = item.get("event");
        if (event == null || !event.isTextual() || !event.asText().matches("[A-Za-z0-9_.:-]{1,200}")) {
            return "event is required: the event name, e.g. program_application.rejected";
        }
        if (!item.path("data").isObject()) return "data is required: a JSON object";
        return null;
    }

    /** The envelope as sent, with its defaults, to every enabled webhook on its event. */
    private OutboundPublisher.Outgoing outgoing(JsonNode item) throws Exception {
        String event = item.get("event").asText();
        ObjectNode envelope = mapper.createObjectNode();
        envelope.put("event", event);
        envelope.put("name", item.hasNonNull("name") ? item.get("name").asText() : event);
        envelope.put("version", item.hasNonNull("version") ? item.get("version").asText() : "1.0");
        envelope.put("timestamp", item.hasNonNull("timestamp") ? item.get("timestamp").asText() : clock.instant().toString());
        envelope.set("data", item.get("data"));
        return publisher.toSubscribers(event, mapper.writeValueAsString(envelope));
    }

    private static Map<String, Object> answer(JsonNode item, OutboundPublisher.Published p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", p.messageId());
        out.put("event", item.get("event").asText());
        out.put("deliveries", p.deliveryIds());
        return out;
    }
}
