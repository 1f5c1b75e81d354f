package io.hookline.startup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookline.inbound.InboundReadiness;
import io.hookline.support.HttpTestSupport;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * While the gateway route does not run (start-up, graceful shutdown, or stopped by hand), a sender
 * gets 503 "starting" with Retry-After, never the servlet's 404, and readiness is DOWN.
 */
class NotReadyTest extends HttpTestSupport {

    @Autowired
    CamelContext camel;

    @Test
    void aStoppedGatewayAnswers503StartingAndReadinessIsDown() throws Exception {
        String body = "{\"event\":\"payment.received\",\"name\":\"Payments\",\"version\":\"1.0\",\"timestamp\":\"2025-04-28T22:10:00Z\","
                + "\"data\":{\"paymentId\":\"pay_1\",\"offeringApplicationId\":\"app_1\",\"amount\":50,\"currency\":\"USD\"}}";
        String delivery = "not-ready-" + UUID.randomUUID();
        camel.getRouteController().stopRoute(InboundReadiness.ROUTE_ID);
        try {
            HttpResponse<String> refused = webhooks.postImpact("t-impact", body, "test-impact-secret", delivery);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
            JsonNode json = mapper.readTree(refused.body());
            assertThat(json.get("error").asText()).isEqualTo("starting");
            assertThat(json.get("detail").asText()).contains("nothing was stored");
            assertThat(webhooks.request("GET", "/webhooks/t-impact", null, null).statusCode()).isEqualTo(503);

            HttpResponse<String> readiness = webhooks.request("GET", "/actuator/health/readiness", null, null);
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(mapper.readTree(readiness.body()).get("status").asText()).isEqualTo("DOWN");
        } finally {
            camel.getRouteController().startRoute(InboundReadiness.ROUTE_ID);
        }
        // Nothing was stored while refused: the same delivery is new, not a duplicate.
        HttpResponse<String> accepted = webhooks.postImpact("t-impact", body, "test-impact-secret", delivery);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(webhooks.request("GET", "/actuator/health/readiness", null, null).statusCode()).isEqualTo(200);
    }
}
