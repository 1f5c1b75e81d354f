package io.hookline.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookline.support.HttpTestSupport;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The ingest port ({@code hookline.inbound.port}, {@link VertxFront}): what the two ports say
 * about each other's paths. {@link IngestPortStatusTest} and {@link IngestPortFuzzTest} run every
 * case of the servlet front's tests against it.
 */
@TestPropertySource(properties = {IngestPortTest.ON, IngestPortTest.SERVLET, IngestPortTest.TEXT_PAYLOADS})
class IngestPortTest extends HttpTestSupport {

    /** No Camel servlet (unused here): Camel keeps servlets in one registry per JVM, and the shared context has one. */
    static final String ON = "hookline.inbound.port=0";
    static final String SERVLET = "camel.servlet.mapping.enabled=false";
    /** This context also keeps payloads as text, so that the suite runs both of the store's layouts. */
    static final String TEXT_PAYLOADS = "hookline.store.compress-payloads=false";

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void withCompressionOffThePayloadIsKeptAsTheTextReceived() throws Exception {
        String body = "{\"event\":\"program_application.rejected\",  \"n\":\"" + UUID.randomUUID() + "\u2013\"}\n";
        var accepted = webhooks.postImpact("t-impact", body, InboundStatusTest.IMPACT_SECRET, "dlv-" + UUID.randomUUID());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String id = mapper.readTree(accepted.body()).get("id").asText();

        var row = jdbc.queryForMap("SELECT payload, packed FROM hookline_event_payload WHERE event_id = ?", id);
        assertThat(row.get("payload")).isEqualTo(body);
        assertThat(row.get("packed")).isNull();
        assertThat(webhooks.event(id).get("payload")).isEqualTo(mapper.readTree(body));
    }

    @Test
    void webhooksArriveOnTheIngestPortAndServerPortSaysSo() throws Exception {
        assertThat(ingestPort).isNotEqualTo(port);
        String body = "{\"event\":\"program_application.rejected\",\"n\":\"" + UUID.randomUUID() + "\"}";
        var accepted = webhooks.postImpact("t-impact", body, InboundStatusTest.IMPACT_SECRET, "dlv-" + UUID.randomUUID());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

        var elsewhere = new io.hookline.support.Webhooks(port).postImpact("t-impact", body,
                InboundStatusTest.IMPACT_SECRET, "dlv-" + UUID.randomUUID());
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        JsonNode answer = mapper.readTree(elsewhere.body());
        assertThat(answer.get("error").asText()).isEqualTo("not_found");
        assertThat(answer.get("detail").asText()).contains("hookline.inbound.port");
    }

    @Test
    void theIngestPortServesNothingButWebhooks() throws Exception {
        for (String path : new String[] {"/api/events", "/actuator/health", "/console", "/"}) {
            var answer = InboundStatusTest.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + ingestPort + path)).header("Authorization",
                    "Bearer " + io.hookline.support.Webhooks.ADMIN_TOKEN).GET());
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(mapper.readTree(answer.body()).get("error").asText()).isEqualTo("not_found");
        }
        // The admin API stays on server.port.
        assertThat(webhooks.admin("GET", "/api/events?limit=1").statusCode()).isEqualTo(200);
    }

    @Autowired
    org.apache.camel.CamelContext camel;

    @Test
    void whileCamelDoesNotRunTheIngestPortAnswers503StartingAndReadinessIsDown() throws Exception {
        String body = "{\"event\":\"program_application.rejected\",\"n\":\"" + UUID.randomUUID() + "\"}";
        String delivery = "not-ready-" + UUID.randomUUID();
        camel.suspend();
        try {
            var refused = webhooks.postImpact("t-impact", body, InboundStatusTest.IMPACT_SECRET, delivery);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(mapper.readTree(refused.body()).get("error").asText()).isEqualTo("starting");
            assertThat(webhooks.request("GET", "/actuator/health/readiness", null, null).statusCode()).isEqualTo(503);
        } finally {
            camel.resume();
        }
        // Nothing was stored while refused: the same delivery is new, not a duplicate.
        var accepted = webhooks.postImpact("t-impact", body, InboundStatusTest.IMPACT_SECRET, delivery);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(webhooks.request("GET", "/actuator/health/readiness", null, null).statusCode()).isEqualTo(200);
    }
}
