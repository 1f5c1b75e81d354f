package io.hookline.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookline.support.HttpTestSupport;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A newcomer's first story: a signed Impact event is accepted, stored, processed and visible in the log. */
class AcceptedEventTest extends HttpTestSupport {

    @Test
    void aSignedImpactEventIsStoredThenProcessedAndShownInTheEventLog() throws Exception {
        String delivery = "dlv-" + UUID.randomUUID();
        String body = """
                {"event":"program_application.rejected","name":"Application Rejected","version":"1.0",\
                "timestamp":"2025-04-28T22:11:00Z","data":{"offeringApplicationId":"app_98765",\
                "rejectionSource":"sponsor","reason":"Funding limits reached"}}""";

        HttpResponse<String> answer = webhooks.postImpact("t-impact", body, "test-impact-secret", delivery);

        assertThat(answer.statusCode()).isEqualTo(202);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(answer.headers().firstValue("X-Impact-Signature")).isEmpty();
        JsonNode accepted = mapper.readTree(answer.body());
        assertThat(accepted.get("status").asText()).isEqualTo("accepted");
        String id = accepted.get("id").asText();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode event = mapper.readTree(webhooks.admin("GET", "/api/events/" + id).body());
            assertThat(event.get("status").asText()).isEqualTo("processed");
        });
        JsonNode event = mapper.readTree(webhooks.admin("GET", "/api/events/" + id).body());
        assertThat(event.get("source").asText()).isEqualTo("t-impact");
        assertThat(event.get("type").asText()).isEqualTo("program_application.rejected");
        assertThat(event.get("deliveryId").asText()).isEqualTo(delivery);
        assertThat(event.get("payload")).isEqualTo(mapper.readTree(body));
        assertThat(event.get("history")).hasSize(1);
        assertThat(event.get("history").get(0).get("outcome").asText()).isEqualTo("processed");
        assertThat(event.get("headers").has("x-impact-signature")).isFalse();
    }
}
