package io.hookline.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One instance, no crash: an event whose lease runs out while this instance is still working on
 * it must not be processed twice. The dispatcher keeps such events in its "held" set so that its
 * own recovery sweep skips them; this checks the hand-over at the end of processing, when the
 * event has left "held" but its outcome is not committed yet.
 *
 * <p>A failsafe test against the packaged jar (its own process and settings: a second Spring
 * context in the surefire JVM would clash with the shared one over the CamelServlet name). The
 * route of Impact {@code lease.race} events (it-routes/lease-race/) takes 250ms, longer than the
 * 200ms lease; the sweep runs every 2ms so that the window, if there is one, is hit.
 */
class LeaseExpiryRaceIT {

    private final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void anEventStillBeingProcessedWhenItsLeaseRunsOutIsProcessedOnlyOnce() throws Exception {
        try (HooklineProcess hookline = HooklineProcess.start("lease-race", HooklineProcess.copyJar(temp),
                temp.resolve("db"), List.of(
                        "--hookline.routes-location=file:src/test/resources/it-routes/lease-race/*.camel.yaml",
                        "--hookline.processing.lease=200ms",
                        "--hookline.processing.recovery-interval=2ms"))) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String delivery = "race-" + i + "-" + UUID.randomUUID();
                String body = "{\"event\":\"lease.race\",\"data\":{\"n\":" + i + "}}";
                HttpResponse<String> r = hookline.webhooks.postImpact("impact", body, "demo-impact-secret", delivery);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
                ids.add(mapper.readTree(r.body()).get("id").asText());
            }

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                for (String id : ids) assertThat(event(hookline, id).get("status").asText()).as(id).isEqualTo("processed");
            });
            Thread.sleep(1_500);

            List<String> twice = new ArrayList<>();
            for (String id : ids) {
                JsonNode e = event(hookline, id);
                if (e.get("attempts").asInt() != 1 || e.get("history").size() != 1) {
                    twice.add(id + " status=" + e.get("status").asText() + " attempts=" + e.get("attempts")
                            + " history=" + e.get("history"));
                }
            }
            System.out.printf("LeaseExpiryRaceIT: %d of %d events processed more than once%n", twice.size(), ids.size());
            assertThat(twice).as("events processed more than once by a single instance, without any crash").isEmpty();
        }
    }

    private JsonNode event(HooklineProcess hookline, String id) throws Exception {
        HttpResponse<String> r = hookline.admin("GET", "/api/events/" + id);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return mapper.readTree(r.body());
    }
}
