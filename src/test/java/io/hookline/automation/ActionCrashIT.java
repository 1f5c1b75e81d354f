package io.hookline.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.hookline.store.HooklineProcess;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 while Stripe calls are in flight: after the restart every action is completed, and
 * the Idempotency-Key (the same on the retry after the crash) means no deposit session is ever
 * created twice — the fake Stripe, like Stripe, answers a repeated key with the first session.
 */
class ActionCrashIT {

    private static final String SECRET = "demo-impact-secret";
    private static final int EVENTS = 6;

    @TempDir
    Path temp;
    private final ObjectMapper mapper = new ObjectMapper();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) c.close();
    }

    @Test
    void inFlightActionsAreCompletedAfterACrashAndNoSessionIsCreatedTwice() throws Exception {
        List<String> keys = new CopyOnWriteArrayList<>();
        Map<String, String> sessionByKey = new ConcurrentHashMap<>();
        AtomicInteger created = new AtomicInteger();
        long[] slowDeadline = {Long.MAX_VALUE}; // Stripe is slow until the first instance is killed
        HttpServer stripe = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        stripe.setExecutor(Executors.newCachedThreadPool());
        stripe.createContext("/v1/checkout/sessions", ex -> {
            ex.getRequestBody().readAllBytes();
            String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
            keys.add(key);
            if (System.currentTimeMillis() < slowDeadline[0]) {
                try {
                    Thread.sleep(30_000); // the first instance is killed while it waits here
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String id = sessionByKey.computeIfAbsent(key, k -> "cs_test_" + created.incrementAndGet());
            byte[] answer = ("{\"id\":\"" + id + "\",\"url\":\"https://checkout.stripe.com/c/pay/" + id + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        stripe.start();
        open.add(() -> stripe.stop(0));

        Path automations = temp.resolve("automations.yaml");
        Files.writeString(automations, """
                automations:
                  - name: deposit
                    on: impact/program_application.sponsor_approved
                    recipe: stripe-checkout
                    with:
                      secretKey: "sk_test_crash"
                      amount: 25000
                      successUrl: "https://example.org/ok"
                      cancelUrl: "https://example.org/cancel"
                      reference: "{{data.offeringApplicationId}}"
                      apiUrl: "http://127.0.0.1:%d"
                """.formatted(stripe.getAddress().getPort()));
        List<String> args = List.of("--hookline.automations.files=" + automations,
                "--hookline.automations.lease=3s", "--hookline.automations.poll-interval=200ms",
                "--camel.component.http.response-timeout=60000", "--camel.component.http.so-timeout=60000");
        Path jar = HooklineProcess.copyJar(temp);
        Path db = temp.resolve("db");
        HooklineProcess first = HooklineProcess.start("action-crash-1", jar, db, args);
        open.add(first);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            var r = first.webhooks.postImpact("impact", approved("app_crash_" + i), SECRET, "crash-" + i);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            events.add(mapper.readTree(r.body()).get("id").asText());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> keys.size() >= 4);
        first.kill();
        slowDeadline[0] = 0; // Stripe answers at once from now on

        HooklineProcess second = HooklineProcess.start("action-crash-2", jar, db, args);
        open.add(second);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String id : events) {
                JsonNode e = mapper.readTree(second.admin("GET", "/api/events/" + id).body());
                assertThat(e.path("automations").get(0).get("status").asText()).as("event %s", id).isEqualTo("done");
            }
        });
        assertThat(keys.stream().distinct().count()).as("one key per event").isEqualTo(EVENTS);
        assertThat(keys.size()).as("the calls cut off by the crash were made again").isGreaterThan(EVENTS);
        assertThat(created.get()).as("sessions created").isEqualTo(EVENTS);
        // Each follow-up event (hookline/checkout.session.created) exists once per deposit.
        JsonNode published = mapper.readTree(second.admin("GET", "/api/events?source=hookline&limit=100").body());
        assertThat(published.get("events")).hasSize(EVENTS);
    }

    private static String approved(String application) {
        return """
                {"event":"program_application.sponsor_approved","name":"x","version":"1.0","timestamp":"2025-04-28T22:10:00Z",\
                "data":{"offeringApplicationId":"%s","scholarshipId":"sch_1","scholarshipApplicationId":"scapp_1",\
                "rejectionSource":null,"offeringVersionId":"ov_1","offeringId":"off_1","applicantUserId":"usr_1",\
                "applicantEmail":"a@example.org","applicantName":"A","participantId":"p_1","participantEmail":"a@example.org",\
                "participantName":"A","applicationFormVersionId":"f_1","scholarshipApplicationFormVersionId":"sf_1"}}"""
                .formatted(application);
    }
}
