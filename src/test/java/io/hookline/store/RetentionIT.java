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
import io.hookline.outbound.Receiver;
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

    @Test
    void outboundMessagesLeaveWithTheirDeliveriesOnceNoneIsPending() throws Exception {
        Path jar = HooklineProcess.copyJar(temp);
        try (Receiver ok = new Receiver().otherwise(202); Receiver down = new Receiver().otherwise(500);
             HooklineProcess hookline = HooklineProcess.start("retention-outbound", jar, temp.resolve("db"), List.of(
                     "--hookline.retention.max-age=3s", "--hookline.retention.interval=500ms",
                     "--hookline.outbound.allow-http=true", "--hookline.outbound.allowed-networks[0]=127.0.0.1/32",
                     "--hookline.outbound.retry.initial-delay=10m",
                     "--hookline.outbound.webhooks[0].nickname=ok", "--hookline.outbound.webhooks[0].url=" + ok.url("/ok"),
                     "--hookline.outbound.webhooks[0].events[0]=it.delivered",
                     "--hookline.outbound.webhooks[0].secret=" + SECRET,
                     "--hookline.outbound.webhooks[1].nickname=down", "--hookline.outbound.webhooks[1].url=" + down.url("/down"),
                     "--hookline.outbound.webhooks[1].events[0]=it.retrying",
                     "--hookline.outbound.webhooks[1].secret=" + SECRET))) {
            String delivered = publish(hookline, "it.delivered");
            String retrying = publish(hookline, "it.retrying");
            await().atMost(Duration.ofSeconds(20)).until(() -> !ok.requests.isEmpty() && !down.requests.isEmpty());

            // Past the retention: the succeeded delivery goes with its message and attempts...
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                    assertThat(hookline.admin("GET", "/api/deliveries/" + delivered).statusCode()).isEqualTo(404));
            // ...the one still retrying (next attempt in 10 minutes) stays, with its attempt.
            HttpResponse<String> kept = hookline.admin("GET", "/api/deliveries/" + retrying);
            assertThat(kept.statusCode()).as(kept.body()).isEqualTo(200);
            assertThat(mapper.readTree(kept.body()).get("status").asText()).isEqualTo("pending");
        }
    }

    /** Publishes one event; answers the id of its one delivery. */
    private String publish(HooklineProcess hookline, String event) throws Exception {
        HttpResponse<String> r = hookline.webhooks.request("POST", "/api/events",
                "{\"event\": \"" + event + "\", \"data\": {\"n\": 1}}", HooklineProcess.TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode deliveries = mapper.readTree(r.body()).get("deliveries");
        assertThat(deliveries).hasSize(1);
        return deliveries.get(0).asText();
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
