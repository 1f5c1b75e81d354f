package io.hookline.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Hookline instances on one PostgreSQL database, as in production behind a load balancer:
 * a sender that retries through the other instance at the same moment still gets one event,
 * and each event is processed by exactly one instance, once. Runs when CI provides PostgreSQL
 * (HOOKLINE_TEST_POSTGRES_URL); H2 is embedded, so it has no second instance to test.
 */
class TwoInstancesIT {

    private static final String SECRET = "demo-impact-secret";
    private static final int DELIVERIES = 40;

    private final ObjectMapper mapper = new ObjectMapper();
    private final List<HooklineProcess> started = new ArrayList<>();

    @TempDir
    Path temp;

    @BeforeEach
    void requirePostgres() {
        Assumptions.assumeTrue(System.getenv("HOOKLINE_TEST_POSTGRES_URL") != null,
                "set HOOKLINE_TEST_POSTGRES_URL (as .ci/run does) to run the two-instance test");
    }

    @AfterEach
    void stop() {
        started.forEach(HooklineProcess::close);
    }

    @Test
    void aDeliveryPostedToBothInstancesAtOnceIsStoredOnceAndProcessedOnce() throws Exception {
        Path jar = HooklineProcess.copyJar(temp);
        HooklineProcess a = start("two-instances-a", jar);
        HooklineProcess b = start("two-instances-b", jar);

        Map<String, String> idByDelivery = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < DELIVERIES; i++) {
                String delivery = "two-" + i + "-" + UUID.randomUUID();
                String body = """
                        {"event":"program_application.rejected","name":"Application Rejected","version":"1.0",\
                        "timestamp":"2025-04-28T22:11:00Z","data":{"offeringApplicationId":"%s",\
                        "rejectionSource":"sponsor","reason":"Funding limits reached"}}""".formatted(delivery);
                CountDownLatch go = new CountDownLatch(1);
                Future<HttpResponse<String>> toA = pool.submit(() -> {
                    go.await();
                    return a.webhooks.postImpact("impact", body, SECRET, delivery);
                });
                Future<HttpResponse<String>> toB = pool.submit(() -> {
                    go.await();
                    return b.webhooks.postImpact("impact", body, SECRET, delivery);
                });
                go.countDown();
                JsonNode first = mapper.readTree(toA.get().body());
                JsonNode second = mapper.readTree(toB.get().body());
                List<Integer> statuses = List.of(toA.get().statusCode(), toB.get().statusCode());
                assertThat(statuses).as("delivery %s: %s / %s", delivery, first, second).containsExactlyInAnyOrder(202, 200);
                assertThat(first.get("id").asText()).as("both answers name the same event").isEqualTo(second.get("id").asText());
                idByDelivery.put(delivery, first.get("id").asText());
            }
        } finally {
            pool.shutdownNow();
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String id : idByDelivery.values()) {
                assertThat(event(a, id).get("status").asText()).as("event %s", id).isEqualTo("processed");
            }
        });
        long races = 0;
        for (HooklineProcess p : started) {
            races += p.logLines().stream().filter(l -> l.contains("stored by another instance first")).count();
        }
        System.out.printf("TwoInstancesIT: %d batch(es) lost the insert race and were stored one by one%n", races);
        // Let any sweep that would wrongly take a finished event have its chance.
        Thread.sleep(3_000);
        for (Map.Entry<String, String> e : idByDelivery.entrySet()) {
            JsonNode fromB = event(b, e.getValue());
            assertThat(fromB.get("deliveryId").asText()).isEqualTo(e.getKey());
            assertThat(fromB.get("history")).as("processing history of %s", e.getValue()).hasSize(1);
            assertThat(fromB.get("attempts").asInt()).isEqualTo(1);
        }
    }

    private HooklineProcess start(String name, Path jar) throws Exception {
        Files.createDirectories(temp);
        HooklineProcess p = HooklineProcess.startWith(name, jar, List.of(
                "--spring.datasource.url=" + System.getenv("HOOKLINE_TEST_POSTGRES_URL"),
                "--spring.datasource.username=" + System.getenv().getOrDefault("HOOKLINE_TEST_POSTGRES_USER", ""),
                "--spring.datasource.password=" + System.getenv().getOrDefault("HOOKLINE_TEST_POSTGRES_PASSWORD", ""),
                "--hookline.processing.lease=2s",
                "--hookline.processing.recovery-interval=300ms",
                // Shows when a batch lost the race to the other instance (the one-by-one fallback).
                "--logging.level.io.hookline.store.EventWriter=DEBUG"));
        started.add(p);
        return p;
    }

    private JsonNode event(HooklineProcess hookline, String id) throws Exception {
        HttpResponse<String> r = hookline.admin("GET", "/api/events/" + id);
        assertThat(r.statusCode()).as("GET /api/events/%s: %s", id, r.body()).isEqualTo(200);
        return mapper.readTree(r.body());
    }
}
