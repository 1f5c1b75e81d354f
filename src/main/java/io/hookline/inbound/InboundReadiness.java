package io.hookline.inbound;

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

    private final CamelContext camel;

    public InboundReadiness(CamelContext camel) {
        this.camel = camel;
    }

    public boolean accepting() {
        return camel.getRouteController().getRouteStatus(ROUTE_ID) == ServiceStatus.Started;
    }

    @Override
    public Health health() {
        if (accepting()) return Health.up().build();
        ServiceStatus status = camel.getRouteController().getRouteStatus(ROUTE_ID);
        return Health.down().withDetail("route", ROUTE_ID)
                .withDetail("status", status == null ? "not loaded" : status.name()).build();
    }
}
