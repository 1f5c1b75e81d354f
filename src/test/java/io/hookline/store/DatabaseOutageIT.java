package io.hookline.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL goes away under a running Hookline: webhooks are answered 503 (so the sender
 * retries) rather than 2xx, nothing acknowledged is lost, and service resumes by itself when the
 * database is back. Runs a private PostgreSQL cluster (Debian's binaries, as user postgres) so
 * that stopping it disturbs nothing else; needs root and PostgreSQL installed, as in CI.
 */
class DatabaseOutageIT {

    private static final String SECRET = "demo-impact-secret";

    @TempDir
    Path temp;
    private Path bin;
    private Path data;
    private int pgPort;
    private HooklineProcess hookline;
    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeEach
    void privateCluster() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root to run PostgreSQL as postgres");
        Path lib = Path.of("/usr/lib/postgresql");
        Assumptions.assumeTrue(Files.isDirectory(lib), "needs PostgreSQL from Debian (apt-get install postgresql)");
        try (Stream<Path> versions = Files.list(lib)) {
            bin = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb"))).findFirst().orElse(null);
        }
        Assumptions.assumeTrue(bin != null, "no initdb under /usr/lib/postgresql");
        Path dir = Files.createTempDirectory("hookline-pg-");
        data = dir.resolve("data");
        run("chown postgres " + dir);
        pgPort = HooklineProcess.freePort();
        asPostgres(bin.resolve("initdb") + " -D " + data + " -A trust -U postgres --no-sync");
        start();
        asPostgres(bin.resolve("psql") + " -h 127.0.0.1 -p " + pgPort + " -U postgres -c 'CREATE DATABASE outage'");
    }

    @AfterEach
    void stop() throws Exception {
        if (hookline != null) hookline.close();
        if (data != null) asPostgres(bin.resolve("pg_ctl") + " -D " + data + " -m immediate stop || true");
    }

    @Test
    void whileTheDatabaseIsDownWebhooksAre503AndServiceResumesByItself() throws Exception {
        Path jar = HooklineProcess.copyJar(temp);
        hookline = HooklineProcess.startWith("db-outage", jar, List.of(
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + pgPort + "/outage",
                "--spring.datasource.username=postgres", "--spring.datasource.password=",
                "--spring.datasource.hikari.connection-timeout=2000",
                "--hookline.processing.lease=2s", "--hookline.processing.recovery-interval=500ms"));
        List<String> accepted = new ArrayList<>();
        accepted.add(post("before-outage"));

        asPostgres(bin.resolve("pg_ctl") + " -D " + data + " -m immediate stop");
        HttpResponse<String> during = hookline.webhooks.postImpact("impact", body("during"), SECRET, "during-outage");
        assertThat(during.statusCode()).as(during.body()).isEqualTo(503);
        assertThat(mapper.readTree(during.body()).get("error").asText()).isEqualTo("store_unavailable");
        assertThat(hookline.process.isAlive()).isTrue();

        start();
        // The sender retries; once the pool reconnects, the same delivery is accepted (once).
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                hookline.webhooks.postImpact("impact", body("during"), SECRET, "during-outage").statusCode() / 100 == 2);
        HttpResponse<String> again = hookline.webhooks.postImpact("impact", body("during"), SECRET, "during-outage");
        assertThat(again.statusCode()).isEqualTo(200);
        accepted.add(mapper.readTree(again.body()).get("id").asText());
        accepted.add(post("after-outage"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String id : accepted) {
                var event = mapper.readTree(hookline.admin("GET", "/api/events/" + id).body());
                assertThat(event.get("status").asText()).as("event %s", id).isEqualTo("processed");
            }
        });
    }

    private String post(String delivery) throws Exception {
        HttpResponse<String> r = hookline.webhooks.postImpact("impact", body(delivery), SECRET, delivery);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return mapper.readTree(r.body()).get("id").asText();
    }

    private static String body(String application) {
        return """
                {"event":"program_application.rejected","name":"x","version":"1.0","timestamp":"2025-04-28T22:11:00Z",\
                "data":{"offeringApplicationId":"%s","rejectionSource":"sponsor","reason":"r"}}""".formatted(application);
    }

    private void start() throws Exception {
        asPostgres(bin.resolve("pg_ctl") + " -D " + data + " -o '-p " + pgPort + " -k /tmp -c listen_addresses=127.0.0.1' -w -l "
                + data.getParent().resolve("pg.log") + " start");
    }

    private static void asPostgres(String command) throws Exception {
        run("su postgres -c \"" + command.replace("\"", "\\\"") + "\"");
    }

    private static void run(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s: %s", command, out).isZero();
    }
}
