package io.hookline.processing;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.support.HttpTestSupport;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.apache.camel.ConsumerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A user's own route reads the event as the README says: {@code ${body[data][x]}} the payload's
 * data (the same as {{data.x}} in automations), {@code ${body[event][x]}} which event it is, and
 * {@code ${body[payload][x]}} the body the sender posted (src/test/resources/test-routes/user-route.camel.yaml).
 */
class UserRouteTest extends HttpTestSupport {

    @Autowired
    ConsumerTemplate consumer;

    @Test
    void aPostedEventReachesTheUserRouteWhichReadsItsDataEventAndPayload() throws Exception {
        String delivery = "dlv-" + UUID.randomUUID();
        String body = """
                {"event":"program_application.rejected","name":"Application Rejected","version":"1.0",\
                "timestamp":"2025-04-28T22:11:00Z","data":{"offeringApplicationId":"app_98765",\
                "rejectionSource":"sponsor","reason":"Funding limits reached"}}""";

        HttpResponse<String> answer = webhooks.postImpact("u-impact", body, "user-route-impact-secret", delivery);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        String id = mapper.readTree(answer.body()).get("id").asText();
        String read = consumer.receiveBody("seda:user-route-read", 10_000, String.class);
        assertThat(read).isEqualTo("reason=Funding limits reached|by=sponsor|type=program_application.rejected"
                + "|source=u-impact|provider=impact|delivery=" + delivery + "|id=" + id
                + "|envelope=program_application.rejected|version=1.0");
    }
}
