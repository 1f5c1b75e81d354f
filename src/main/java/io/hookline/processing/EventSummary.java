package io.hookline.processing;

import io.hookline.event.EventView;
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
        // The event's data: the fields of Impact's envelope, or the whole payload of a sender without one.
        Object data = event == null ? null : event.get(EventView.DATA);
        String who = data instanceof Map<?, ?> f
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
