package io.hookline.inbound;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The gateway route, shipped in the jar: Camel's servlet under /webhooks/* (the source is the
 * rest of the path) into {@link InboundGateway}. Routes on disk are the user's own.
 */
@Component
public class GatewayRoute extends RouteBuilder {

    @Override
    public void configure() {
        // matchOnUriPrefix: /webhooks/<anything>; the raw body stays raw (no form parsing);
        // OPTIONS reaches the gateway, which answers 405 (Allow: POST) like any other non-POST.
        from("servlet:/?matchOnUriPrefix=true&mapHttpMessageFormUrlEncodedBody=false&optionsEnabled=true")
                .routeId(InboundReadiness.ROUTE_ID)
                .process("inboundGateway");
    }
}
