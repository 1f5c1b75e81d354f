package io.hookline.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookline.support.Webhooks;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash recovery against the packaged jar, run as a separate process and killed with SIGKILL:
 * every acknowledged (202) webhook must still be in the store after a restart on the same H2
 * file database, must end {@code processed}, and must still be recognised as a duplicate.
 *
 * <p>Runs under failsafe ({@code mvn verify}); {@code -Dhookline.jar} names the jar, and the
 * working directory is the repository root, so the demo sources of ./config/application.yaml
 * (source {@code impact}, secret {@code demo-impact-secret}) are configured.
 */
class CrashRecoveryIT {

    private static final String TOKEN = "it-token";
    private static final String SECRET = "demo-impact-secret";
    private static final int EVENTS = 30;
    private static final Path LOGS = Path.of("target", "crash-recovery-it");

    private final ObjectMapper mapper = new ObjectMapper();
    private final List<Process> started = new ArrayList<>();

    @TempDir
    Path temp;

    @AfterEach
    void killEverythingStarted() throws InterruptedException {
        for (Process p : started) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        started.clear();
    }

    /**
     * Events stuck in processing (a route that hangs) when the process is killed are recovered
     * by the next instance's sweep once their lease has run out, and processed exactly once.
     */
    @Test
    void eventsInFlightWhenKilledAreRecoveredAfterRestartAndProcessedOnce() throws Exception {
        Path db = temp.resolve("db");

        Instance first = start("inflight-run1", db, true);
        Map<String, String> idByDelivery = postAll(first, "inflight");
        // They hang in the slow route: still accepted (and not lost to it) just before the crash.
        List<JsonNode> before = listImpact(first);
        assertThat(before).extracting(e -> e.get("id").asText()).containsAll(idByDelivery.values());
        assertThat(before).filteredOn(e -> idByDelivery.containsValue(e.get("id").asText()))
                .allSatisfy(e -> assertThat(e.get("status").asText()).isEqualTo("accepted"));
        kill(first);

        Instance second = start("inflight-run2", db, false);
        List<String> missing = missing(second, idByDelivery.values());
        assertThat(missing).as("events acknowledged with 202 but gone after kill -9 (H2 durability)").isEmpty();

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
     * ends processed (at least once; one killed mid-processing may run twice).
     */
    @Test
    void killedRightAfterAcknowledgingEveryAcknowledgedEventIsPresentAndEndsProcessed() throws Exception {
        Path db = temp.resolve("db");

        Instance first = start("immediate-run1", db, false);
        Map<String, String> idByDelivery = postAll(first, "immediate");
        kill(first);
        Instant killedAt = Instant.now();

        Instance second = start("immediate-run2", db, false);
        List<String> missing = missing(second, idByDelivery.values());
        assertThat(missing).as("events acknowledged with 202 but gone after kill -9 (H2 durability)").isEmpty();

        awaitFinished(second, idByDelivery.values(), Duration.ofSeconds(30));
        Thread.sleep(1_500);

        // What the store shows: attempts recorded by the second run (started after the kill), and
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
        Set<String> doneInRun1 = completedInLog(first.log);
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

    private record Instance(Process process, int port, Path log, Webhooks webhooks) {}

    private Instance start(String name, Path db, boolean slowRoutes) throws Exception {
        Path jar = jar();
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // C1 only: starts about twice as fast on a busy machine; nothing here depends on C2.
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
                "--server.port=" + port,
                "--spring.datasource.url=jdbc:h2:file:" + db.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE",
                "--hookline.processing.lease=2s",
                "--hookline.processing.recovery-interval=500ms",
                "--hookline.admin-token=" + TOKEN));
        if (slowRoutes) {
            command.add("--hookline.routes-location=file:routes/*.camel.yaml,file:src/test/resources/it-routes/*.camel.yaml");
            // The slow route takes over direct:impact.program_application.rejected from the demo
            // route (two consumers of one direct endpoint stop Camel from starting).
            command.add("--camel.main.routes-exclude-pattern=file:routes/demo.camel.yaml");
        }
        Files.createDirectories(LOGS);
        Path log = LOGS.resolve(name + ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        started.add(process);
        Instance instance = new Instance(process, port, log, new Webhooks(port));
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            if (!process.isAlive()) {
                fail("Hookline (" + name + ") exited with " + process.exitValue() + " before it was healthy:\n" + tail(log));
            }
            if (System.nanoTime() > deadline) {
                fail("Hookline (" + name + ") not healthy within 90s:\n" + tail(log));
            }
            try {
                if (instance.webhooks.request("GET", "/actuator/health", null, null).statusCode() == 200) break;
            } catch (IllegalStateException notYet) {
                // connection refused: still starting
            }
            Thread.sleep(200);
        }
        System.out.printf("CrashRecoveryIT: %s healthy on port %d after %d ms%n", name, port,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        return instance;
    }

    /**
     * A private copy of the packaged jar: a concurrent {@code mvn package} rewriting
     * target/hookline.jar under a running JVM makes it fail with NoClassDefFoundError.
     */
    private Path jar() throws IOException {
        Path copy = temp.resolve("hookline.jar");
        if (!Files.exists(copy)) {
            Path jar = Path.of(System.getProperty("hookline.jar", "target/hookline.jar"));
            assertThat(jar).as("the packaged jar (run mvn package first)").exists();
            Files.copy(jar, copy);
        }
        return copy;
    }

    /** SIGKILL: no shutdown hooks, no graceful stop, no H2 close. */
    private static void kill(Instance instance) throws InterruptedException {
        instance.process.destroyForcibly();
        assertThat(instance.process.waitFor(10, TimeUnit.SECONDS)).as("killed process ended").isTrue();
        assertThat(instance.process.isAlive()).isFalse();
        assertThat(instance.process.exitValue()).as("exit status of a SIGKILLed JVM").isEqualTo(128 + 9);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
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
    private Map<String, String> postAll(Instance instance, String prefix) throws Exception {
        Map<String, String> idByDelivery = new LinkedHashMap<>();
        for (int i = 0; i < EVENTS; i++) {
            String delivery = prefix + "-" + i + "-" + UUID.randomUUID();
            HttpResponse<String> r = instance.webhooks.postImpact("impact", body(delivery), SECRET, delivery);
            assertThat(r.statusCode()).as("delivery %s: %s", delivery, r.body()).isEqualTo(202);
            JsonNode answer = mapper.readTree(r.body());
            assertThat(answer.get("status").asText()).isEqualTo("accepted");
            idByDelivery.put(delivery, answer.get("id").asText());
        }
        assertThat(new LinkedHashSet<>(idByDelivery.values())).hasSize(EVENTS);
        return idByDelivery;
    }

    private HttpResponse<String> admin(Instance instance, String path) {
        return instance.webhooks.request("GET", path, null, TOKEN);
    }

    private JsonNode event(Instance instance, String id) throws Exception {
        HttpResponse<String> r = admin(instance, "/api/events/" + id);
        assertThat(r.statusCode()).as("GET /api/events/%s: %s", id, r.body()).isEqualTo(200);
        return mapper.readTree(r.body());
    }

    private List<JsonNode> listImpact(Instance instance) throws Exception {
        HttpResponse<String> r = admin(instance, "/api/events?source=impact&limit=500");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        mapper.readTree(r.body()).get("events").forEach(events::add);
        return events;
    }

    private List<String> missing(Instance instance, Iterable<String> ids) {
        List<String> missing = new ArrayList<>();
        int all = 0;
        for (String id : ids) {
            all++;
            if (admin(instance, "/api/events/" + id).statusCode() == 404) missing.add(id);
        }
        System.out.printf("CrashRecoveryIT: %d/%d acknowledged events survived kill -9%n", all - missing.size(), all);
        return missing;
    }

    /** Waits until none of the events is still accepted; answers each one as the store then shows it. */
    private Map<String, JsonNode> awaitFinished(Instance instance, Iterable<String> ids, Duration atMost) {
        Map<String, JsonNode> events = new LinkedHashMap<>();
        await().atMost(atMost).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            events.clear();
            List<String> notYet = new ArrayList<>();
            for (String id : ids) {
                JsonNode e = event(instance, id);
                events.put(id, e);
                if ("accepted".equals(e.get("status").asText())) notYet.add(id);
            }
            assertThat(notYet).as("events still accepted (not processed yet)").isEmpty();
        });
        return events;
    }

    /** Every event ends processed (not failed): failures are listed with their last error. */
    private void assertAllProcessed(Instance instance, String scenario, Iterable<String> ids, Duration atMost) {
        Map<String, JsonNode> events = awaitFinished(instance, ids, atMost);
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
    private static Set<String> completedInLog(Path log) throws IOException {
        return matches(log, Pattern.compile("Application (\\S+) rejected by"));
    }

    private static Set<String> matches(Path log, Pattern pattern) throws IOException {
        Set<String> found = new LinkedHashSet<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher m = pattern.matcher(line);
            if (m.find()) found.add(m.group(1));
        }
        return found;
    }
}
