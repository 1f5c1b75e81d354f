package io.hookline.inbound;

import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.http.common.HttpMessage;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * The servlet front, shipped in the jar: Camel's servlet under {@code /webhooks/*} on
 * {@code server.port} (the source is the rest of the path) into {@link InboundGateway}. Not
 * there when webhooks have a port of their own ({@code hookline.inbound.port}, {@link VertxFront}).
 * Routes on disk are the user's own.
 */
@Component
@ConditionalOnExpression("'${" + VertxFront.PORT + ":}'.isEmpty()")
public class GatewayRoute extends RouteBuilder {

    private final InboundGateway gateway;

    public GatewayRoute(InboundGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public void configure() {
        // matchOnUriPrefix: /webhooks/<anything>; the raw body stays raw (no form parsing);
        // OPTIONS reaches the gateway, which answers 405 (Allow: POST) like any other non-POST.
        from("servlet:/?matchOnUriPrefix=true&mapHttpMessageFormUrlEncodedBody=false&optionsEnabled=true")
                .routeId(InboundReadiness.ROUTE_ID)
                .process(exchange -> {
                    HttpMessage in = exchange.getIn(HttpMessage.class);
                    WebhookAnswer answer = gateway.handle(new ServletWebhookRequest(in.getRequest(), in.getBody(byte[].class)));
                    // Replaces every header first: Camel would otherwise echo the request's headers,
                    // the signature among them, back to the sender.
                    Message out = exchange.getMessage();
                    out.removeHeaders("*");
                    out.setHeader(org.apache.camel.Exchange.HTTP_RESPONSE_CODE, answer.status());
                    out.setHeader(org.apache.camel.Exchange.CONTENT_TYPE, WebhookAnswer.CONTENT_TYPE);
                    if (answer.allow() != null) out.setHeader("Allow", answer.allow());
                    out.setBody(answer.json());
                });
    }
}
