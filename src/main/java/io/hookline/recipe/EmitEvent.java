package io.hookline.recipe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookline.processing.EventPublisher;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Publishes what a recipe produced as a new event of source {@code hookline}, so that other
 * automations can act on it (e.g. email the Stripe Checkout link). Type from variable
 * {@code emitType}; the JSON body becomes the event's {@code data}. Its delivery id is the
 * action's idempotency key: a retried or replayed action never publishes it twice.
 */
@Component("emitEvent")
public class EmitEvent implements Processor {

    private final EventPublisher publisher;
    private final ObjectMapper mapper;

    public EmitEvent(EventPublisher publisher, ObjectMapper mapper) {
        this.publisher = publisher;
        this.mapper = mapper;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String type = exchange.getVariable("emitType", String.class);
        if (Boolean.TRUE.equals(exchange.getVariable("dryRun", Boolean.class))) return;
        JsonNode data = mapper.readTree(exchange.getIn().getBody(String.class));
        ObjectNode payload = mapper.createObjectNode();
        payload.put("event", type);
        payload.put("version", "1.0");
        payload.put("causedBy", exchange.getVariable("idempotencyKey", String.class));
        payload.set("data", data);
        publisher.publish(EventPublisher.INTERNAL_SOURCE, EventPublisher.INTERNAL_SOURCE, type,
                exchange.getVariable("idempotencyKey", String.class), payload, "{}");
    }
}
