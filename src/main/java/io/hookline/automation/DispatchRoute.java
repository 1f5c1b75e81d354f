package io.hookline.automation;

import io.hookline.processing.ProcessingProperties;
import io.hookline.processing.EventEnricher;
import io.hookline.processing.EventHeaders;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Where every stored event goes once (by {@code hookline.processing.endpoint}): logged, sent to
 * its enrich route if one listens ({@code direct:enrich.<source>.<type>}), its automations
 * scheduled, then handed to the user's route for its type ({@code direct:<source>.<type>}) if
 * there is one. Fixed Java, shipped in the jar: no configuration file can switch automations off.
 * An exception anywhere marks the event failed (replay with POST /api/events/{id}/replay).
 */
@Component
public class DispatchRoute extends RouteBuilder {

    public static final String ROUTE_ID = "dispatch-events";

    private final String endpoint;
    private final EventEnricher enricher;
    private final ActionScheduler scheduler;

    public DispatchRoute(ProcessingProperties properties, EventEnricher enricher, ActionScheduler scheduler) {
        this.endpoint = properties.endpoint();
        this.enricher = enricher;
        this.scheduler = scheduler;
    }

    @Override
    public void configure() {
        from(endpoint).routeId(ROUTE_ID)
                // One line per event at DEBUG (logging.level.hookline.events: DEBUG): at INFO it cost every
                // event a formatted line on the hot path; the counters (hookline.webhooks.*) count instead.
                .log(LoggingLevel.DEBUG, "hookline.events", "Event ${header." + EventHeaders.EVENT_ID + "}: ${header."
                        + EventHeaders.SOURCE + "} ${header." + EventHeaders.TYPE + "} (delivery ${header."
                        + EventHeaders.DELIVERY_ID + "})")
                .process(enricher)
                .filter(header(EventHeaders.ENRICHED))
                    .toD("direct:enrich.${header." + EventHeaders.ROUTE + "}")
                .end()
                .process(scheduler)
                // Types without a route of their own are simply done (no waiting, no failure).
                .toD("direct:${header." + EventHeaders.ROUTE + "}?block=false&failIfNoConsumers=false");
    }
}
