package io.hookline.processing;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Route;
import org.springframework.stereotype.Component;

/**
 * The step of the dispatch route that looks for an enrich route: when a route listens on
 * {@code direct:enrich.<source>.<type>} (the {@code HooklineRoute} header), sets header
 * {@value EventHeaders#ENRICHED} to true, and the dispatch route sends the event there before its
 * automations are scheduled. What that route leaves in the body's {@code data} is what the
 * automations see ({@code {{data.x}}}, {@code when}) and what their actions are stored with.
 */
@Component
public class EventEnricher implements Processor {

    /** The endpoint an enrich route listens on, without the scheme: {@code enrich.<source>.<type>}. */
    public static String endpoint(String route) {
        return "enrich." + route;
    }

    @Override
    public void process(Exchange exchange) {
        String route = exchange.getIn().getHeader(EventHeaders.ROUTE, String.class);
        exchange.getIn().setHeader(EventHeaders.ENRICHED, route != null && listens(exchange.getContext(), endpoint(route)));
    }

    /** Whether a route listens on {@code direct:<name>}, by event route; emptied when routes come or go. */
    private final Map<String, Boolean> listening = new ConcurrentHashMap<>();
    private volatile int routesSeen = -1;

    private boolean listens(CamelContext camel, String name) {
        int routes = camel.getRoutesSize();
        // Types come from senders (verified, but any text): the cache never outgrows the catalogue by much.
        if (routes != routesSeen || listening.size() > 10_000) {
            listening.clear();
            routesSeen = routes;
        }
        // A scan of every route, once per event type: it was once per event (regular expressions included).
        return listening.computeIfAbsent(name, n -> scan(camel, n));
    }

    private static boolean scan(CamelContext camel, String name) {
        for (Route r : camel.getRoutes()) {
            String uri = r.getEndpoint().getEndpointUri();
            if (uri.startsWith("direct:") && uri.substring("direct:".length()).replaceFirst("^//", "").replaceFirst("\\?.*", "")
                    .equals(name)) {
                return true;
            }
        }
        return false;
    }
}
