package org.example.hookline;

import io.hookline.processing.EventHeaders;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * An example plugin processor. With this jar in plugins/ and
 * {@code hookline.plugins.scan-packages: [org.example.hookline]}, a YAML route calls it with
 * {@code - process: {ref: greetingProcessor}}. It sets the header {@value #GREETING} to a line
 * built from the event: who sent what, and the payload's own id when it has one.
 */
@Component("greetingProcessor")
public class GreetingProcessor implements Processor {

    public static final String GREETING = "HooklineGreeting";

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getIn();
        // The body is the event, a Map {event, data, payload}: "data" is the payload's data (Impact's
        // paymentId, offeringApplicationId...), or the whole payload of a sender without a data object.
        Map<?, ?> event = in.getBody(Map.class);
        Object data = event == null ? null : event.get("data");
        String subject = data instanceof Map<?, ?> d ? subject(d) : null;
        in.setHeader(GREETING, "Hello from the greeting plugin: " + in.getHeader(EventHeaders.SOURCE, String.class)
                + " sent " + in.getHeader(EventHeaders.TYPE, String.class)
                + (subject == null ? "" : " about " + subject)
                + " (event " + in.getHeader(EventHeaders.EVENT_ID, String.class) + ")");
    }

    private static String subject(Map<?, ?> data) {
        for (String key : new String[] {"paymentId", "offeringApplicationId", "id"}) {
            if (data.get(key) instanceof String s && !s.isBlank()) return s;
        }
        return null;
    }
}
