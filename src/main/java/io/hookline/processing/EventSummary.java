package io.hookline.processing;

import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * An example of a developer's own processor: any Spring bean implementing {@link Processor}
 * can be called from a YAML route with {@code - process: {ref: eventSummary}}. This one sets
 * the header {@code HooklineSummary} to a one-line description of the event, handy for alerts.
 */
@Component
public class EventSummary implements Processor {

    public static final String SUMMARY = "HooklineSummary";

    @Override
    public void process(Exchange exchange) {
        Map<?, ?> event = exchange.getIn().getBody(Map.class);
        // The CloudEvent's data is the sender's payload; Impact nests its fields in the envelope's own "data".
        Object payload = event == null ? null : event.get("data");
        Object fields = payload instanceof Map<?, ?> p && p.get("data") instanceof Map<?, ?> inner ? inner : payload;
        String who = fields instanceof Map<?, ?> f
                ? firstText(f, "applicantName", "participantName", "applicantEmail", "offeringApplicationId")
                : null;
        exchange.getIn().setHeader(SUMMARY, exchange.getIn().getHeader(EventHeaders.SOURCE) + " "
                + exchange.getIn().getHeader(EventHeaders.TYPE) + (who == null ? "" : " for " + who)
                + " (event " + exchange.getIn().getHeader(EventHeaders.EVENT_ID) + ")");
    }

    private static String firstText(Map<?, ?> data, String... fields) {
        for (String f : fields) {
            if (data.get(f) instanceof String s && !s.isBlank()) return s;
        }
        return null;
    }
}
