package io.hookline.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash recovery against the packaged jar, run as a separate process and killed with SIGKILL:
 * every acknowledged (202) webhook must still be in the store after a restart on the same H2
 * file database, must end {@code processed}, and must still be recognised as a duplicate.
 *
 * <p>Runs under failsafe ({@code mvn verify}); {@code -Dhookline.jar} names the jar, and the
 * working directory is the repository root, so the demo sources of ./config/application.yaml
 * (source {@code impact}, secret {@code demo-impact-secret}) are configured. Process output:
 * target/it-logs/crash-*.log.
 */
class CrashRecoveryIT {

    private static final String SECRET = "demo-impact-secret";
    private static final int EVENTS = 30;
    private static final List<String> PROCESSING = List.of(
            "--hookline.processing.lease=2s", "--hookline.processing.recovery-interval=500ms");
    /**
     * it-routes/slow.camel.yaml, where Impact rejections hang for 10 minutes, in place of the demo's
     * routes (the demo route listens on the same endpoint, and two consumers of one direct
     * endpoint stop Camel from starting).
     */
    private static final List<String> SLOW_ROUTES = List.of(
            "--hookline.routes-location=file:src/test/resources/it-routes/*.camel.yaml");

    private final ObjectMapper mapper = new ObjectMapper();
    private final List<HooklineProcess> started = new ArrayList<>();

    @TempDir
    Path temp;
    Path jar;
    Path db;

    @BeforeEach
    void prepare() throws Exception {
        jar = HooklineProcess.copyJar(temp);
        db = temp.resolve("db");
    }

    @AfterEach
    void killEverythingStarted() {
        started.forEach(HooklineProcess::close);
        started.clear();
    }

    /**
     * Events stuck in processing (a route that hangs) when the process is killed are recovered
     * by the next instance's sweep once their lease has run out, and processed exactly once.
     */
    @Test
    void eventsInFlightWhenKilledAreRecoveredAfterRestartAndProcessedOnce() throws Exception {
        HooklineProcess first = start("crash-inflight-run1", true);
        Map<String, String> idByDelivery = postAll(first, "inflight");
        // They hang in the slow route: still accepted just before the crash.
        List<JsonNode> before = listImpact(first);
        assertThat(before).extracting(e -> e.get("id").asText()).containsAll(idByDelivery.values());
        assertThat(before).filteredOn(e -> idByDelivery.containsValue(e.get("id").asText()))
                .allSatisfy(e -> assertThat(e.get("status").asText()).isEqualTo("accepted"));
        first.kill();

        HooklineProcess second = start("crash-inflight-run2", false);
        assertNoneMissing(second, idByDelivery.values());

        // De-duplication survives the restart: re-sent deliveries name the original events.
        List<String> deliveries = new ArrayList<>(idByDelivery.keySet());
        for (String delivery : deliveries.subList(0, 5)) {
            HttpResponse<String> again = second.webhooks.postImpact("impact", body(delivery), SECRET, delivery);
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
            JsonNode answer = mapper.readTree(again.body());
            assertThat(answer.get("duplicate").asBoolean()).isTrue();
            assertThat(answer.get("id").asText()).isEqualTo(idByDelivery.get(delivery));
        }

        assertAllProcessed(second, "in-flight kill", idByDelivery.values(), Duration.ofSeconds(30));
        // Past the 2s lease and a few 500ms sweeps: none is taken over and processed again.
        Thread.sleep(2_500);
        for (String id : idByDelivery.values()) {
            JsonNode e = event(second, id);
            assertThat(e.get("status").asText()).as(id).isEqualTo("processed");
            assertThat(e.get("history")).as("history of %s", id).hasSize(1);
            assertThat(e.get("history").get(0).get("outcome").asText()).isEqualTo("processed");
        }
        assertThat(listImpact(second)).hasSize(EVENTS);
    }

    /**
     * Killed right after the last 202, with the default routes: some events may have been
     * processed, some not, some mid-way. After a restart every acknowledged event is present and
     * ends processed (at least once: one killed between its route and the commit of its outcome
     * runs again, and then shows one attempt, since the first was never recorded).
     */
    @Test
    void killedRightAfterAcknowledgingEveryAcknowledgedEventIsPresentAndEndsProcessed() throws Exception {
        HooklineProcess first = start("crash-immediate-run1", false);
        Map<String, String> idByDelivery = postAll(first, "immediate");
        first.kill();
        Instant killedAt = Instant.now();

        HooklineProcess second = start("crash-immediate-run2", false);
        assertNoneMissing(second, idByDelivery.values());

        awaitFinished(second, idByDelivery.values(), Duration.ofSeconds(30));
        Thread.sleep(1_500);

        // What the store shows: attempts made by the second run (started after the kill), and
        // events with more than one recorded attempt.
        Set<String> recoveredInRun2 = new LinkedHashSet<>();
        int recordedTwice = 0;
        for (String id : idByDelivery.values()) {
            JsonNode history = event(second, id).get("history");
            if (history.size() > 1) recordedTwice++;
            for (JsonNode attempt : history) {
                if (Instant.parse(attempt.get("startedAt").asText()).isAfter(killedAt)) recoveredInRun2.add(id);
            }
        }
        // What the log shows: the demo route finished the event in the first run (its log line
        // names the delivery), yet its outcome was not committed, so the second run took it again.
        Set<String> doneInRun1 = completedInLog(first);
        Set<String> ranTwice = new LinkedHashSet<>();
        idByDelivery.forEach((delivery, id) -> {
            if (doneInRun1.contains(delivery) && recoveredInRun2.contains(id)) ranTwice.add(id);
        });
        System.out.printf("CrashRecoveryIT immediate kill: %d/%d finished their route before the kill, %d taken again"
                        + " after the restart, %d with two recorded attempts, %d processed twice (route finished in"
                        + " run 1 and attempted again in run 2)%n",
                doneInRun1.size(), EVENTS, recoveredInRun2.size(), recordedTwice, ranTwice.size());

        assertAllProcessed(second, "immediate kill", idByDelivery.values(), Duration.ofSeconds(5));
        for (String id : idByDelivery.values()) {
            assertThat(event(second, id).get("history").size()).as("history of %s", id).isBetween(1, 2);
        }
        assertThat(listImpact(second)).hasSize(EVENTS);
    }

    // --- the process ---

    private HooklineProcess start(String name, boolean slowRoutes) throws Exception {
        List<String> arguments = new ArrayList<>(PROCESSING);
        if (slowRoutes) arguments.addAll(SLOW_ROUTES);
        HooklineProcess p = HooklineProcess.start(name, jar, db, arguments);
        started.add(p);
        return p;
    }

    // --- webhooks and the admin API ---

    /** An Impact rejection whose application id is the delivery id, so the demo route's log names it. */
    private static String body(String delivery) {
        return """
                {"event":"program_application.rejected","name":"Application Rejected","version":"1.0",\
                "timestamp":"2025-04-28T22:11:00Z","data":{"offeringApplicationId":"%s",\
                "rejectionSource":"sponsor","reason":"Funding limits reached"}}""".formatted(delivery);
    }

    /** Posts {@value #EVENTS} new deliveries; every one must be acknowledged with 202. */
    private Map<String, String> postAll(HooklineProcess hookline, String prefix) throws Exception {
        Map<String, String> idByDelivery = new LinkedHashMap<>();
        for (int i = 0; i < EVENTS; i++) {
            String delivery = prefix + "-" + i + "-" + UUID.randomUUID();
            HttpResponse<String> r = hookline.webhooks.postImpact("impact", body(delivery), SECRET, delivery);
            assertThat(r.statusCode()).as("delivery %s: %s", delivery, r.body()).isEqualTo(202);
            JsonNode answer = mapper.readTree(r.body());
            assertThat(answer.get("status").asText()).isEqualTo("accepted");
            idByDelivery.put(delivery, answer.get("id").asText());
        }
        assertThat(new LinkedHashSet<>(idByDelivery.values())).hasSize(EVENTS);
        return idByDelivery;
    }

    private JsonNode event(HooklineProcess hookline, String id) throws Exception {
        HttpResponse<String> r = hookline.admin("GET", "/api/events/" + id);
        assertThat(r.statusCode()).as("GET /api/events/%s: %s", id, r.body()).isEqualTo(200);
        return mapper.readTree(r.body());
    }

    private List<JsonNode> listImpact(HooklineProcess hookline) throws Exception {
        HttpResponse<String> r = hookline.admin("GET", "/api/events?source=impact&limit=500");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        mapper.readTree(r.body()).get("events").forEach(events::add);
        return events;
    }

    /** Every acknowledged event survived the kill -9 (H2 durability). */
    private void assertNoneMissing(HooklineProcess hookline, Iterable<String> ids) {
        List<String> missing = new ArrayList<>();
        int all = 0;
        for (String id : ids) {
            all++;
            if (hookline.admin("GET", "/api/events/" + id).statusCode() == 404) missing.add(id);
        }
        System.out.printf("CrashRecoveryIT: %d/%d acknowledged events survived kill -9%n", all - missing.size(), all);
        assertThat(missing).as("events acknowledged with 202 but gone after kill -9 (H2 durability)").isEmpty();
    }

    /** Waits until none of the events is still accepted; answers each one as the store then shows it. */
    private Map<String, JsonNode> awaitFinished(HooklineProcess hookline, Iterable<String> ids, Duration atMost) {
        Map<String, JsonNode> events = new LinkedHashMap<>();
        await().atMost(atMost).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            events.clear();
            List<String> notYet = new ArrayList<>();
            for (String id : ids) {
                JsonNode e = event(hookline, id);
                events.put(id, e);
                if ("accepted".equals(e.get("status").asText())) notYet.add(id);
            }
            assertThat(notYet).as("events still accepted (not processed yet)").isEmpty();
        });
        return events;
    }

    /** Every event ends processed (not failed): failures are listed with their last error. */
    private void assertAllProcessed(HooklineProcess hookline, String scenario, Iterable<String> ids, Duration atMost) {
        Map<String, JsonNode> events = awaitFinished(hookline, ids, atMost);
        List<String> notProcessed = new ArrayList<>();
        events.forEach((id, e) -> {
            if (!"processed".equals(e.get("status").asText())) {
                notProcessed.add(id + "=" + e.get("status").asText() + " (" + e.get("lastError").asText() + ")");
            }
        });
        System.out.printf("CrashRecoveryIT %s: %d/%d events processed, %d not: %s%n", scenario,
                events.size() - notProcessed.size(), events.size(), notProcessed.size(),
                notProcessed.stream().limit(3).toList());
        assertThat(notProcessed).as("events that did not end processed after the restart").isEmpty();
    }

    // --- the logs ---

    /** Delivery ids whose demo route finished ("Application <delivery> rejected by ..."). */
    private static Set<String> completedInLog(HooklineProcess hookline) throws Exception {
        Pattern done = Pattern.compile("Application (\\S+) rejected by");
        Set<String> found = new LinkedHashSet<>();
        for (String line : hookline.logLines()) {
            Matcher m = done.matcher(line);
            if (m.find()) found.add(m.group(1));
        }
        return found;
    }
}
