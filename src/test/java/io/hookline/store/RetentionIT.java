package io.hookline.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finished events leave the log after hookline.retention.max-age; events not yet processed stay. */
class RetentionIT {

    private static final String SECRET = "demo-impact-secret";
    private final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void processedAndQuarantinedEventsArePurgedAfterTheirRetentionButWaitingOnesStay() throws Exception {
        Path jar = HooklineProcess.copyJar(temp);
        try (HooklineProcess hookline = HooklineProcess.start("retention", jar, temp.resolve("db"), List.of(
                "--hookline.retention.max-age=3s", "--hookline.retention.interval=500ms",
                "--hookline.routes-location=file:src/test/resources/it-routes/*.camel.yaml"))) {
            String processedDelivery = "retention-" + UUID.randomUUID();
            String processed = post(hookline, "payment.received",
                    "{\"paymentId\":\"pay_1\",\"offeringApplicationId\":\"app_1\",\"amount\":50,\"currency\":\"USD\"}",
                    processedDelivery, "accepted");
            String quarantined = post(hookline, "payment.received", "{}", "retention-" + UUID.randomUUID(), "quarantined");
            // it-routes/slow.camel.yaml holds program_application.rejected events for 10 minutes: still accepted.
            String waiting = post(hookline, "program_application.rejected",
                    "{\"offeringApplicationId\":\"app_2\",\"rejectionSource\":\"sponsor\",\"reason\":\"r\"}",
                    "retention-" + UUID.randomUUID(), "accepted");

            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                assertThat(status(hookline, processed)).isEqualTo(404);
                assertThat(status(hookline, quarantined)).isEqualTo(404);
            });
            assertThat(status(hookline, waiting)).as("an event not yet processed is kept").isEqualTo(200);

            // Past the retention a re-sent delivery is no longer known: it becomes a new event.
            String again = post(hookline, "payment.received",
                    "{\"paymentId\":\"pay_1\",\"offeringApplicationId\":\"app_1\",\"amount\":50,\"currency\":\"USD\"}",
                    processedDelivery, "accepted");
            assertThat(again).isNotEqualTo(processed);
        }
    }

    private String post(HooklineProcess hookline, String event, String data, String delivery, String status)
            throws Exception {
        String body = "{\"event\":\"" + event + "\",\"name\":\"n\",\"version\":\"1.0\","
                + "\"timestamp\":\"2025-04-28T22:11:00Z\",\"data\":" + data + "}";
        HttpResponse<String> r = hookline.webhooks.postImpact("impact", body, SECRET, delivery);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode answer = mapper.readTree(r.body());
        assertThat(answer.get("status").asText()).isEqualTo(status);
        return answer.get("id").asText();
    }

    private static int status(HooklineProcess hookline, String id) {
        return hookline.admin("GET", "/api/events/" + id).statusCode();
    }
}
