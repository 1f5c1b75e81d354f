package io.hookline.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookline.support.HttpTestSupport;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * De-duplication under concurrency, through real HTTP: many senders racing with the same
 * delivery get one event (one 202, the rest 200 duplicates naming it), processed once; many
 * different deliveries racing each get their own event, each processed exactly once.
 */
class ConcurrentDuplicatesTest extends HttpTestSupport {

    private static final String SOURCE = "t-impact";
    private static final String SECRET = "test-impact-secret";

    ExecutorService pool;

    @AfterEach
    void stopPool() {
        if (pool != null) pool.shutdownNow();
    }

    static String rejected(String applicationId) {
        return """
                {"event":"program_application.rejected","name":"Application Rejected","version":"1.0",\
                "timestamp":"2025-04-28T22:11:00Z","data":{"offeringApplicationId":"%s",\
                "rejectionSource":"sponsor","reason":"Funding limits reached"}}""".formatted(applicationId);
    }

    @Test
    void fortyConcurrentCopiesOfOneDeliveryAreStoredAndProcessedOnce() throws Exception {
        int senders = 40;
        String delivery = "dup-" + UUID.randomUUID();
        String body = rejected("app_" + delivery);

        List<HttpResponse<String>> answers = sendTogether(senders, senders,
                i -> () -> webhooks.postImpact(SOURCE, body, SECRET, delivery));

        List<HttpResponse<String>> accepted = answers.stream().filter(a -> a.statusCode() == 202).toList();
        List<HttpResponse<String>> duplicates = answers.stream().filter(a -> a.statusCode() == 200).toList();
        assertThat(accepted).as("202 answers; all statuses: %s", statuses(answers)).hasSize(1);
        assertThat(duplicates).as("200 answers; all statuses: %s", statuses(answers)).hasSize(senders - 1);

        JsonNode first = mapper.readTree(accepted.get(0).body());
        assertThat(first.get("status").asText()).isEqualTo("accepted");
        String id = first.get("id").asText();
        assertThat(id).isNotBlank();
        for (HttpResponse<String> d : duplicates) {
            JsonNode answer = mapper.readTree(d.body());
            assertThat(answer.get("duplicate").asBoolean()).as(d.body()).isTrue();
            assertThat(answer.get("id").asText()).as(d.body()).isEqualTo(id);
        }

        List<JsonNode> stored = allEvents(SOURCE).stream()
                .filter(e -> delivery.equals(e.get("deliveryId").asText())).toList();
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).get("id").asText()).isEqualTo(id);

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonNode event = event(id);
            assertThat(event.get("status").asText()).isEqualTo("processed");
            assertThat(event.get("history")).hasSize(1);
        });
        // Longer than the test lease (2s) plus a few recovery sweeps (500ms): nothing processes it again.
        Thread.sleep(3_000);
        JsonNode event = event(id);
        assertThat(event.get("status").asText()).isEqualTo("processed");
        assertThat(event.get("attempts").asInt()).isEqualTo(1);
        assertThat(event.get("history")).hasSize(1);
        assertThat(event.get("history").get(0).get("outcome").asText()).isEqualTo("processed");
        assertThat(event.get("history").get(0).get("attempt").asInt()).isEqualTo(1);
    }

    @Test
    void twoHundredDifferentDeliveriesFromSixteenThreadsAreEachStoredAndProcessedOnce() throws Exception {
        int deliveries = 200;
        String prefix = "many-" + UUID.randomUUID() + "-";

        List<HttpResponse<String>> answers = sendTogether(16, deliveries,
                i -> () -> webhooks.postImpact(SOURCE, rejected("app_" + prefix + i), SECRET, prefix + i));

        assertThat(statuses(answers)).as("every delivery is new").containsOnly(202);
        Set<String> ids = new HashSet<>();
        for (HttpResponse<String> a : answers) {
            JsonNode answer = mapper.readTree(a.body());
            assertThat(answer.get("status").asText()).isEqualTo("accepted");
            ids.add(answer.get("id").asText());
        }
        assertThat(ids).as("distinct event ids").hasSize(deliveries);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            List<JsonNode> mine = allEvents(SOURCE).stream()
                    .filter(e -> e.get("deliveryId").asText().startsWith(prefix)).toList();
            assertThat(mine).hasSize(deliveries);
            assertThat(mine).allSatisfy(e -> assertThat(e.get("status").asText()).isEqualTo("processed"));
        });
        // Past the 2s lease and several sweeps: no event was taken over and processed a second time.
        Thread.sleep(3_000);
        List<String> twice = new ArrayList<>();
        for (String id : ids) {
            JsonNode event = event(id);
            assertThat(event.get("status").asText()).as(id).isEqualTo("processed");
            if (event.get("attempts").asInt() != 1 || event.get("history").size() != 1) {
                twice.add(id + " attempts=" + event.get("attempts") + " history=" + event.get("history"));
            }
        }
        assertThat(twice).as("events processed more than once").isEmpty();
    }

    // --- helpers ---

    interface Task {
        Callable<HttpResponse<String>> of(int i);
    }

    /** Runs {@code count} requests on {@code threads} threads, all released at once by a latch. */
    private List<HttpResponse<String>> sendTogether(int threads, int count, Task task) throws Exception {
        pool = Executors.newFixedThreadPool(threads);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<List<Integer>> shares = new ArrayList<>();
        for (int t = 0; t < threads; t++) shares.add(new ArrayList<>());
        for (int i = 0; i < count; i++) shares.get(i % threads).add(i);
        List<Future<List<HttpResponse<String>>>> futures = new ArrayList<>();
        for (List<Integer> share : shares) {
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                List<HttpResponse<String>> out = new ArrayList<>();
                for (int i : share) out.add(task.of(i).call());
                return out;
            }));
        }
        assertThat(ready.await(10, TimeUnit.SECONDS)).as("all sender threads ready").isTrue();
        go.countDown();
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (Future<List<HttpResponse<String>>> f : futures) answers.addAll(f.get(60, TimeUnit.SECONDS));
        assertThat(answers).hasSize(count);
        return answers;
    }

    private static List<Integer> statuses(List<HttpResponse<String>> answers) {
        return answers.stream().map(HttpResponse::statusCode).toList();
    }

    private JsonNode event(String id) throws Exception {
        HttpResponse<String> r = webhooks.admin("GET", "/api/events/" + id);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return mapper.readTree(r.body());
    }

    /** Every event of the source, newest first (pages of 500: other tests share this context and source). */
    private List<JsonNode> allEvents(String source) throws Exception {
        List<JsonNode> all = new ArrayList<>();
        for (int offset = 0; ; offset += 500) {
            HttpResponse<String> r = webhooks.admin("GET",
                    "/api/events?source=" + source + "&limit=500&offset=" + offset);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode page = mapper.readTree(r.body()).get("events");
            page.forEach(all::add);
            if (page.size() < 500) return all;
        }
    }
}
