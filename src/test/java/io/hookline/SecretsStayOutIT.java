package io.hookline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.hookline.store.HooklineProcess;
import io.hookline.support.TestSigner;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No configured secret ever reaches the log, an API answer or the delivery log: the packaged jar
 * receives good and forged webhooks, runs an automation whose secret webhook URL keeps failing,
 * a dry run, and an outbound delivery — then its whole log and every answer are searched for each
 * secret (and for the forged signature it was sent).
 */
class SecretsStayOutIT {

    private static final String SOURCE_SECRET = "it-source-secret-7f3a9c";
    private static final String FORGED_SIGNATURE = "f0a9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9";
    private static final String SLACK_PATH_SECRET = "T0SECRET/B0SECRET/xoxSecretPath91";
    private static final String BOT_TOKEN = "xoxb-it-secret-token-5521";
    private static final String WEBHOOK_SECRET = "it-outbound-secret-4410";

    private final ObjectMapper mapper = new ObjectMapper();
    private final List<AutoCloseable> open = new ArrayList<>();

    @TempDir
    Path temp;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) c.close();
    }

    @Test
    void noSecretAppearsInTheLogOrInAnyAnswer() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        HttpServer partner = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        partner.createContext("/", ex -> {
            calls.incrementAndGet();
            ex.getRequestBody().readAllBytes();
            int status = ex.getRequestURI().getPath().startsWith("/receiver") ? 204 : 500;
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        partner.start();
        open.add(() -> partner.stop(0));
        String base = "http://127.0.0.1:" + partner.getAddress().getPort();

        Path automations = temp.resolve("automations.yaml");
        Files.writeString(automations, """
                automations:
                  - name: failing-slack
                    on: it/program_application.rejected
                    recipe: slack-alert
                    with:
                      webhookUrl: "{{env.IT_SLACK_URL}}"
                      text: "Rejected {{data.offeringApplicationId}}"
                  - name: dry-slack
                    on: it/program_application.rejected
                    dry-run: true
                    recipe: slack-alert
                    with:
                      token: "{{env.IT_BOT_TOKEN}}"
                      channel: "#alerts"
                      text: "Rejected {{data.offeringApplicationId}}"
                      apiUrl: "%s/slack-api"
                """.formatted(base));
        Path jar = HooklineProcess.copyJar(temp);
        HooklineProcess h = HooklineProcess.start("secrets", jar, temp.resolve("db"), List.of(
                "--hookline.sources.it.provider=impact", "--hookline.sources.it.secrets[0]=" + SOURCE_SECRET,
                "--hookline.automations.files=" + automations,
                "--IT_SLACK_URL=" + base + "/services/" + SLACK_PATH_SECRET, "--IT_BOT_TOKEN=" + BOT_TOKEN,
                "--hookline.automations.retry.max-attempts=2", "--hookline.automations.retry.initial-delay=200ms",
                "--hookline.outbound.allow-http=true", "--hookline.outbound.allowed-networks[0]=127.0.0.1/32",
                "--hookline.outbound.webhooks[0].nickname=it-receiver",
                "--hookline.outbound.webhooks[0].url=" + base + "/receiver",
                "--hookline.outbound.webhooks[0].secret=" + WEBHOOK_SECRET,
                "--logging.level.io.hookline=DEBUG"));
        open.add(h);

        String body = """
                {"event":"program_application.rejected","name":"x","version":"1.0","timestamp":"2025-04-28T22:11:00Z",\
                "data":{"offeringApplicationId":"app_secret","rejectionSource":"sponsor","reason":"Funding limits reached"}}""";
        List<String> answers = new ArrayList<>();
        HttpResponse<String> forged = h.webhooks.post("it", body, Map.of("X-Impact-Signature", FORGED_SIGNATURE));
        assertThat(forged.statusCode()).isEqualTo(401);
        answers.add(forged.body() + forged.headers().map());
        HttpResponse<String> good = h.webhooks.postImpact("it", body, SOURCE_SECRET, "secret-delivery-1");
        assertThat(good.statusCode()).isEqualTo(202);
        String eventId = mapper.readTree(good.body()).get("id").asText();
        answers.add(good.body() + good.headers().map());

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode e = mapper.readTree(h.admin("GET", "/api/events/" + eventId).body());
            List<String> statuses = new ArrayList<>();
            e.path("automations").forEach(a -> statuses.add(a.get("status").asText()));
            return statuses.size() == 2 && !statuses.contains("pending");
        });
        HttpResponse<String> published = h.webhooks.request("POST", "/api/events",
                "{\"event\": \"program_application.rejected\", \"data\": {\"n\": 1}}", HooklineProcess.TOKEN);
        assertThat(published.statusCode()).isEqualTo(202);
        String delivery = mapper.readTree(published.body()).get("deliveries").get(0).asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> mapper.readTree(h.admin("GET", "/api/deliveries/" + delivery).body())
                .get("status").asText().equals("succeeded"));

        answers.add(h.admin("GET", "/api/events/" + eventId).body());
        answers.add(h.admin("GET", "/api/events?limit=50").body());
        answers.add(h.admin("GET", "/api/deliveries/" + delivery).body());
        answers.add(h.admin("GET", "/api/webhooks").body());
        answers.add(h.webhooks.request("GET", "/api/events", null, "wrong-token").body());
        answers.add(h.admin("GET", "/actuator/prometheus").body());
        JsonNode event = mapper.readTree(answers.get(2));
        assertThat(event.toString()).contains("failing-slack").contains("HTTP 500").contains("dry run");
        assertThat(calls.get()).as("the failing partner was tried twice, the receiver once").isEqualTo(3);

        String log = Files.readString(h.log, StandardCharsets.UTF_8);
        for (String secret : List.of(SOURCE_SECRET, FORGED_SIGNATURE, SLACK_PATH_SECRET, BOT_TOKEN, WEBHOOK_SECRET,
                TestSigner.hex(SOURCE_SECRET, body), HooklineProcess.TOKEN)) {
            assertThat(log).as("the log").doesNotContain(secret);
            for (String answer : answers) assertThat(answer).as("an answer").doesNotContain(secret);
        }
        assertThat(log).contains("failing-slack").contains("would send");
    }
}
