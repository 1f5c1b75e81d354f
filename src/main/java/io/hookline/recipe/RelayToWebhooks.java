package io.hookline.recipe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookline.outbound.OutboundPublisher;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * The webhooks-relay recipe's work: publishes the received event to every webhook subscribed to
 * it. A payload already in the seed envelope ({@code event} and {@code data}) is sent byte for
 * byte; any other is wrapped in one. The message id derives from the action's idempotency key,
 * so a retried or replayed relay never fans out twice.
 */
@Component("relayToWebhooks")
public class RelayToWebhooks implements Processor {

    private final OutboundPublisher publisher;
    private final ObjectMapper mapper;

    public RelayToWebhooks(OutboundPublisher publisher, ObjectMapper mapper) {
        this.publisher = publisher;
        this.mapper = mapper;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Exchange exchange) throws Exception {
        String name = exchange.getVariable("event", Map.class).get("type").toString();
        String as = exchange.getVariable("as", String.class);
        if (as != null && !as.isBlank()) name = as;
        String original = exchange.getVariable("payloadJson", String.class);
        JsonNode payload = mapper.readTree(original);
        String body;
        if (payload.has("event") && payload.path("data").isObject() && (as == null || as.isBlank())) {
            body = original;
        } else {
            ObjectNode envelope = mapper.createObjectNode();
            envelope.put("event", name);
            envelope.put("name", name);
            envelope.put("version", "1.0");
            envelope.put("timestamp", String.valueOf(exchange.getVariable("event", Map.class).get("time")));
            envelope.set("data", payload.has("event") && payload.path("data").isObject() ? payload.get("data") : payload);
            body = mapper.writeValueAsString(envelope);
        }
        String messageId = UUID.nameUUIDFromBytes(exchange.getVariable("idempotencyKey", String.class)
                .getBytes(StandardCharsets.UTF_8)).toString();
        int targets = publisher.enabledReceiving(name).size();
        if (Boolean.TRUE.equals(exchange.getVariable("dryRun", Boolean.class))) {
            exchange.setVariable("result", "dry run: would relay " + name + " to " + targets + " webhook(s): " + body);
            return;
        }
        try {
            var published = publisher.publish(messageId, name, body, publisher.enabledReceiving(name));
            exchange.setVariable("result", "relayed " + name + " to " + published.deliveryIds().size() + " webhook(s)");
        } catch (DuplicateKeyException e) {
            exchange.setVariable("result", "already relayed (message " + messageId + ")");
        }
    }
}
