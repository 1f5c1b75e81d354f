package io.hookline.inbound;

import io.hookline.problem.Problem;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether the gateway route runs. While it does not (start-up, graceful shutdown, or someone
 * stopped it), readiness is DOWN and {@code /webhooks/*} answers 503 {@code starting} with
 * Retry-After: a sender retries a 503, but may treat the servlet's 404 as final and drop the event.
 */
@Component("inbound")
public class InboundReadiness implements HealthIndicator {

    /** The id of the gateway route (GatewayRoute). */
    public static final String ROUTE_ID = "inbound-webhooks";

    /** The answer while not accepting: a sender retries a 503. */
    static final Problem NOT_READY = new Problem(503, "starting", "Hookline is starting or stopping and accepts no "
            + "webhooks right now; nothing was stored, retry in a few seconds");

    private final CamelContext camel;
    /** The ingest port, when webhooks have one (then there is no gateway route). */
    private final VertxFront ingestPort;

    public InboundReadiness(CamelContext camel, Optional<VertxFront> ingestPort) {
        this.camel = camel;
        this.ingestPort = ingestPort.orElse(null);
    }

    public boolean accepting() {
        if (ingestPort != null) return ingestPort.accepting();
        return camel.getRouteController().getRouteStatus(ROUTE_ID) == ServiceStatus.Started;
    }

    @Override
    public Health health() {
        if (accepting()) return Health.up().build();
        if (ingestPort != null) {
            return Health.down().withDetail("port", ingestPort.port()).withDetail("camel", camel.getStatus().name()).build();
        }
        ServiceStatus status = camel.getRouteController().getRouteStatus(ROUTE_ID);
        return Health.down().withDetail("route", ROUTE_ID)
                .withDetail("status", status == null ? "not loaded" : status.name()).build();
    }
}
