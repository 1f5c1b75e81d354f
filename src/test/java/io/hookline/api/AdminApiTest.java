package io.hookline.api;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookline.support.HttpTestSupport;
import io.hookline.support.TestSigner;
import io.hookline.support.Webhooks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The admin API (/api/**, behind the bearer token) and the actuator endpoints (health open, the rest behind it),
 * over real HTTP. The database may be shared with other tests, so every assertion is about
 * events this class created (unique types and ids), never about global counts.
 */
class AdminApiTest extends HttpTestSupport {

    static final String IMPACT_SECRET = "test-impact-secret";

    @Autowired
    JdbcTemplate jdbc;

    // --- the token ---------------------------------------------------------------------------

    static Stream<Arguments> endpoints() {
        String id = UUID.randomUUID().toString();
        return Stream.of(
                Arguments.of("GET", "/api/events"),
                Arguments.of("GET", "/api/events?source=t-impact&limit=5"),
                Arguments.of("GET", "/api/events?automationStatus=failed"),
                Arguments.of("GET", "/api/actions"),
                Arguments.of("GET", "/api/actions?status=pending&automation=x"),
                Arguments.of("GET", "/api/automations"),
                Arguments.of("GET", "/api/events/" + id),
                Arguments.of("POST", "/api/events/" + id + "/replay"),
                Arguments.of("POST", "/api/events/" + id + "/replay?automation=x"),
                Arguments.of("POST", "/api/events"),
                Arguments.of("GET", "/api/catalogue"),
                Arguments.of("GET", "/api/catalogue/impact/program_application.rejected"),
                Arguments.of("POST", "/api/catalogue/t-impact/program_application.rejected/test"),
                Arguments.of("GET", "/api/webhooks"),
                Arguments.of("POST", "/api/webhooks"),
                Arguments.of("GET", "/api/webhooks/" + id),
                Arguments.of("PATCH", "/api/webhooks/" + id),
                Arguments.of("DELETE", "/api/webhooks/" + id),
                Arguments.of("POST", "/api/webhooks/" + id + "/rotate-secret"),
                Arguments.of("POST", "/api/webhooks/" + id + "/test"),
                Arguments.of("GET", "/api/webhooks/" + id + "/deliveries"),
                Arguments.of("GET", "/api/deliveries/" + id),
                Arguments.of("POST", "/api/deliveries/" + id + "/resend"),
                Arguments.of("POST", "/api/deliveries/resend"));
    }

    @org.springframework.beans.factory.annotation.Autowired
    @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
    org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping mappings;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.context.ApplicationContext context;

    /**
     * Hookline renders automation templates with jmustache itself and has no web pages: Spring's
     * Mustache views stay out (they warned "Cannot find template location" at every start).
     */
    @Test
    void springsMustacheViewsAreLeftOut() {
        assertThat(context.getBeanNamesForType(org.springframework.boot.autoconfigure.mustache.MustacheAutoConfiguration.class))
                .isEmpty();
        assertThat(context.getBeanNamesForType(com.samskivert.mustache.Mustache.Compiler.class)).isEmpty();
    }

    /** The list above covers every /api endpoint the application has: a new one cannot be forgotten. */
    @Test
    void theTokenTestsCoverEveryApiEndpoint() {
        java.util.Set<String> listed = new java.util.HashSet<>();
        endpoints().forEach(a -> listed.add(a.get()[0] + " " + ((String) a.get()[1]).replaceAll("\\?.*", "")
                .replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "{}").replaceAll("/(impact|t-impact)/program_application\\.rejected", "/{}/{}")));
        java.util.Set<String> actual = new java.util.HashSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(p -> p.startsWith("/api"))
                .forEach(p -> info.getMethodsCondition().getMethods().forEach(m ->
                        actual.add(m.name() + " " + p.replaceAll("\\{[^}]+}", "{}")))));
        assertThat(actual).isNotEmpty();
        assertThat(listed).as("endpoints() lists every /api endpoint").containsAll(actual);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void everyAdminEndpointAnswers401InJsonWithoutTheToken(String method, String path) throws Exception {
        unauthorized(webhooks.request(method, path, null, null));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void everyAdminEndpointAnswers401InJsonWithAWrongToken(String method, String path) throws Exception {
        unauthorized(webhooks.request(method, path, null, "not-the-admin-token"));
        unauthorized(webhooks.request(method, path, null, Webhooks.ADMIN_TOKEN + "x"));
        unauthorized(webhooks.request(method, path, null, ""));
    }

    @Test
    void theTokenMustBeSentAsABearerToken() throws Exception {
        // The right token under another scheme is not accepted.
        unauthorized(getWithAuthorization("/api/catalogue", "Basic " + Webhooks.ADMIN_TOKEN));
        unauthorized(getWithAuthorization("/api/catalogue", Webhooks.ADMIN_TOKEN));
        // The scheme is case-insensitive (RFC 7235).
        assertThat(getWithAuthorization("/api/catalogue", "bearer " + Webhooks.ADMIN_TOKEN).statusCode())
                .isEqualTo(200);
    }

    // --- GET /api/events ------------------------------------------------------------------------

    @Test
    void theEventListFiltersBySourceTypeAndStatus() throws Exception {
        String type = "admin.list." + UUID.randomUUID();
        String impactA = postImpact(type);
        String impactB = postImpact(type);
        String creator = postCreator(type);
        webhooks.awaitStatus(impactA, "processed");
        webhooks.awaitStatus(impactB, "processed");
        webhooks.awaitStatus(creator, "processed");

        assertThat(ids(list("type=" + type))).containsExactlyInAnyOrder(impactA, impactB, creator);
        // Newest first.
        assertThat(ids(list("type=" + type))).containsExactly(creator, impactB, impactA);
        assertThat(ids(list("type=" + type + "&source=t-impact"))).containsExactly(impactB, impactA);
        assertThat(ids(list("type=" + type + "&source=t-creator"))).containsExactly(creator);
        assertThat(ids(list("type=" + type + "&source=t-webconnex"))).isEmpty();
        assertThat(ids(list("type=" + type + "&status=processed"))).containsExactly(creator, impactB, impactA);
        assertThat(ids(list("type=" + type + "&status=PROCESSED&source=t-impact"))).containsExactly(impactB, impactA);
        for (String status : List.of("accepted", "failed", "quarantined")) {
            assertThat(ids(list("type=" + type + "&status=" + status))).isEmpty();
        }
        // Paging within the filter.
        assertThat(ids(list("type=" + type + "&limit=1"))).containsExactly(creator);
        assertThat(ids(list("type=" + type + "&limit=1&offset=1"))).containsExactly(impactB);
        assertThat(ids(list("type=" + type + "&limit=2&offset=2"))).containsExactly(impactA);
        assertThat(ids(list("type=" + type + "&offset=3"))).isEmpty();

        JsonNode page = list("type=" + type + "&limit=7&offset=0");
        assertThat(page.get("limit").asInt()).isEqualTo(7);
        assertThat(page.get("offset").asInt()).isZero();
        JsonNode summary = page.get("events").get(0);
        assertThat(summary.get("source").asText()).isEqualTo("t-creator");
        assertThat(summary.get("provider").asText()).isEqualTo("creator");
        assertThat(summary.get("type").asText()).isEqualTo(type);
        assertThat(summary.get("status").asText()).isEqualTo("processed");
        assertThat(summary.get("attempts").asInt()).isEqualTo(1);
        assertThat(summary.get("receivedAt").asText()).isNotBlank();
        assertThat(summary.get("finishedAt").asText()).isNotBlank();
        // The list is a summary: no payload or headers.
        assertThat(summary.has("payload")).isFalse();
        assertThat(summary.has("headers")).isFalse();
    }

    @Test
    void theEventListFiltersQuarantinedEvents() throws Exception {
        String broken = postImpactRaw(brokenRejected());
        String fine = postImpactRaw(validRejected());
        webhooks.awaitStatus(fine, "processed");

        List<String> quarantined = ids(list("source=t-impact&type=program_application.rejected&status=quarantined&limit=500"));
        assertThat(quarantined).contains(broken).doesNotContain(fine);
        List<String> processed = ids(list("source=t-impact&type=program_application.rejected&status=processed&limit=500"));
        assertThat(processed).contains(fine).doesNotContain(broken);
        list("source=t-impact&status=quarantined&limit=500").get("events")
                .forEach(e -> assertThat(e.get("status").asText()).isEqualTo("quarantined"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=-1", "limit=501", "limit=abc", "offset=-1", "offset=x",
            "limit=99999999999", "status=bogus", "automationStatus=bogus", "automationStatus=processed"})
    void aBadLimitOffsetOrStatusIsAnswered400(String query) throws Exception {
        HttpResponse<String> answer = webhooks.admin("GET", "/api/events?" + query);
        JsonNode json = error(answer, 400, "bad_request");
        String parameter = query.substring(0, query.indexOf('='));
        assertThat(json.get("detail").asText()).contains(parameter);
    }

    /** The action queue pages and validates like the event list: the same rules, the same words. */
    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=501", "limit=abc", "offset=-1", "status=bogus", "status=processed"})
    void theActionQueueAnswers400LikeTheEventList(String query) throws Exception {
        JsonNode actions = error(webhooks.admin("GET", "/api/actions?" + query), 400, "bad_request");
        String parameter = query.substring(0, query.indexOf('='));
        assertThat(actions.get("detail").asText()).contains(parameter);
        if (!parameter.equals("status")) {
            assertThat(actions.get("detail").asText())
                    .isEqualTo(error(webhooks.admin("GET", "/api/events?" + query), 400, "bad_request").get("detail").asText());
        }
    }

    @Test
    void aBadActionStatusListsTheStates() throws Exception {
        JsonNode json = error(webhooks.admin("GET", "/api/actions?status=bogus"), 400, "bad_request");
        assertThat(json.get("detail").asText())
                .isEqualTo("status must be one of pending, done, failed, cancelled or skipped");
        JsonNode events = error(webhooks.admin("GET", "/api/events?automationStatus=bogus"), 400, "bad_request");
        assertThat(events.get("detail").asText())
                .isEqualTo("automationStatus must be one of pending, done, failed, cancelled or skipped");
    }

    @Test
    void theActionQueueAndTheAutomationsAnswerWithTheirShape() throws Exception {
        HttpResponse<String> queue = webhooks.admin("GET", "/api/actions?limit=3&offset=1");
        assertThat(queue.statusCode()).as(queue.body()).isEqualTo(200);
        JsonNode page = mapper.readTree(queue.body());
        assertThat(page.get("actions").isArray()).isTrue();
        assertThat(page.get("limit").asInt()).isEqualTo(3);
        assertThat(page.get("offset").asInt()).isEqualTo(1);
        HttpResponse<String> automations = webhooks.admin("GET", "/api/automations");
        assertThat(automations.statusCode()).as(automations.body()).isEqualTo(200);
        assertThat(mapper.readTree(automations.body()).get("automations").isArray()).isTrue();
    }

    /** ApiErrors promises errors "without internals": a non-number must not be explained in Java terms. */
    @ParameterizedTest
    @ValueSource(strings = {"limit=abc", "offset=x", "limit=99999999999"})
    void aLimitOrOffsetThatIsNotANumberIsExplainedWithoutJavaInternals(String query) throws Exception {
        JsonNode json = error(webhooks.admin("GET", "/api/events?" + query), 400, "bad_request");
        assertThat(json.get("detail").asText()).doesNotContain("java.", "Exception", "required type", "For input string");
    }

    @Test
    void theLimitMayBeAnythingFrom1To500() throws Exception {
        for (String query : List.of("limit=1", "limit=500", "offset=0", "limit=50&offset=1000000")) {
            HttpResponse<String> answer = webhooks.admin("GET", "/api/events?" + query);
            assertThat(answer.statusCode()).as(query).isEqualTo(200);
            assertThat(mapper.readTree(answer.body()).get("events").isArray()).isTrue();
        }
    }

    // --- GET /api/events/{id} ------------------------------------------------------------------

    @Test
    void anUnknownEventIdIsAnswered404() throws Exception {
        String id = UUID.randomUUID().toString();
        JsonNode json = error(webhooks.admin("GET", "/api/events/" + id), 404, "not_found");
        assertThat(json.get("detail").asText()).contains(id);
        error(webhooks.admin("POST", "/api/events/" + id + "/replay"), 404, "not_found");
    }

    @Test
    void anEventShowsItsPayloadHeadersAndHistory() throws Exception {
        String body = validRejected();
        String delivery = "dlv-" + UUID.randomUUID();
        String id = accepted(webhooks.postImpact("t-impact", body, IMPACT_SECRET, delivery));
        webhooks.awaitStatus(id, "processed");
        JsonNode event = webhooks.event(id);
        assertThat(event.get("deliveryId").asText()).isEqualTo(delivery);
        assertThat(event.get("payload")).isEqualTo(mapper.readTree(body));
        assertThat(event.get("headers").get("x-impact-delivery-id").asText()).isEqualTo(delivery);
        assertThat(event.get("headers").has("x-impact-signature")).isFalse();
        assertThat(event.get("history")).hasSize(1);
        JsonNode attempt = event.get("history").get(0);
        assertThat(attempt.get("attempt").asInt()).isEqualTo(1);
        assertThat(attempt.get("outcome").asText()).isEqualTo("processed");
        assertThat(attempt.get("startedAt").asText()).isNotBlank();
        assertThat(attempt.get("finishedAt").asText()).isNotBlank();
    }

    @Test
    void aPayloadIsKeptDeflatedAndOneKeptAsTextReadsAndReplaysTheSame() throws Exception {
        String body = """
                {"event":"program_application.rejected","name":"Application Rejected","version":"1.0",\
                "timestamp":"2025-04-28T22:11:00Z","data":{"offeringApplicationId":"app-%s",\
                "rejectionSource":"sponsor","reason":"%s"}}""".formatted(UUID.randomUUID(),
                "Funding limits reached \u2013 the sponsor's budget for this year is spent. ".repeat(12));
        String id = accepted(webhooks.postImpact("t-impact", body, IMPACT_SECRET, "dlv-" + UUID.randomUUID()));
        webhooks.awaitStatus(id, "processed");

        Map<String, Object> row = jdbc.queryForMap("SELECT payload, packed FROM hookline_event_payload WHERE event_id = ?", id);
        assertThat(row.get("payload")).as("hookline.store.compress-payloads is on by default").isNull();
        byte[] packed = (byte[]) row.get("packed");
        assertThat(packed.length).isLessThan(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length / 2);
        assertThat(webhooks.event(id).get("payload")).isEqualTo(mapper.readTree(body));

        // The layout before migration V11 (and with compression off): the payload as text, nothing packed.
        jdbc.update("UPDATE hookline_event_payload SET payload = ?, packed = NULL WHERE event_id = ?", body, id);
        assertThat(webhooks.event(id).get("payload")).isEqualTo(mapper.readTree(body));
        assertThat(webhooks.admin("POST", "/api/events/" + id + "/replay").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(webhooks.event(id).get("history")).hasSize(2));
        assertThat(webhooks.event(id).get("status").asText()).isEqualTo("processed");
    }

    // --- POST /api/events/{id}/replay -----------------------------------------------------------

    @Test
    void aFailedAttemptAndTheReplayThatSucceededAreBothInTheHistory() throws Exception {
        String id = postImpact("history.fails-first"); // test-routes/history.camel.yaml: fails on attempt 1
        webhooks.awaitStatus(id, "failed");
        JsonNode failed = webhooks.event(id);
        assertThat(failed.get("history")).hasSize(1);
        assertThat(failed.get("history").get(0).get("attempt").asInt()).isEqualTo(1);
        assertThat(failed.get("history").get(0).get("outcome").asText()).isEqualTo("failed");
        assertThat(failed.get("history").get(0).get("error").asText()).contains("first attempt fails on purpose");

        assertThat(webhooks.admin("POST", "/api/events/" + id + "/replay").statusCode()).isEqualTo(202);

        webhooks.awaitStatus(id, "processed");
        JsonNode event = webhooks.event(id);
        assertThat(event.get("attempts").asInt()).isEqualTo(2);
        assertThat(event.get("lastError").isNull()).isTrue();
        JsonNode history = event.get("history");
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("attempt").asInt()).isEqualTo(1);
        assertThat(history.get(0).get("outcome").asText()).isEqualTo("failed");
        assertThat(history.get(0).get("error").asText()).contains("first attempt fails on purpose");
        assertThat(history.get(0).get("startedAt").asText()).isEqualTo(failed.get("history").get(0).get("startedAt").asText());
        assertThat(history.get(1).get("attempt").asInt()).isEqualTo(2);
        assertThat(history.get(1).get("outcome").asText()).isEqualTo("processed");
        assertThat(history.get(1).get("error").isNull()).isTrue();
    }

    @Test
    void anEventProcessedBeforeTheLatestAttemptMovedIntoItsRowKeepsItsHistory() throws Exception {
        String id = postImpact("history.stored-before." + UUID.randomUUID());
        webhooks.awaitStatus(id, "processed");
        // Processed at once: its one attempt is in the event row, the history table has nothing of it.
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM hookline_event_attempt WHERE event_id = ?", Integer.class, id))
                .isZero();
        // The layout before migration V9: every attempt in hookline_event_attempt, none in the row.
        jdbc.update("INSERT INTO hookline_event_attempt (event_id, id, attempt, started_at, finished_at, outcome, error) "
                + "SELECT id, ?, attempts, started_at, finished_at, 'processed', NULL FROM hookline_event WHERE id = ?",
                UUID.randomUUID().toString(), id);
        jdbc.update("UPDATE hookline_event SET started_at = NULL WHERE id = ?", id);
        assertThat(webhooks.event(id).get("history")).hasSize(1);

        assertThat(webhooks.admin("POST", "/api/events/" + id + "/replay").statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(webhooks.event(id).get("history")).hasSize(2));
        JsonNode history = webhooks.event(id).get("history");
        assertThat(history.get(0).get("attempt").asInt()).isEqualTo(1);
        assertThat(history.get(1).get("attempt").asInt()).isEqualTo(2);
        assertThat(history.get(1).get("outcome").asText()).isEqualTo("processed");
    }

    @Test
    void replayingAProcessedEventRunsItAgainAsAttempt2() throws Exception {
        String id = postImpact("admin.replay." + UUID.randomUUID());
        webhooks.awaitStatus(id, "processed");

        HttpResponse<String> answer = webhooks.admin("POST", "/api/events/" + id + "/replay");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        JsonNode json = mapper.readTree(answer.body());
        assertThat(json.get("id").asText()).isEqualTo(id);
        assertThat(json.get("status").asText()).isEqualTo("accepted");
        assertThat(json.get("replayed").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode event = webhooks.event(id);
            assertThat(event.get("status").asText()).isEqualTo("processed");
            assertThat(event.get("history")).hasSize(2);
        });
        JsonNode event = webhooks.event(id);
        assertThat(event.get("attempts").asInt()).isEqualTo(2);
        assertThat(event.get("history").get(0).get("attempt").asInt()).isEqualTo(1);
        assertThat(event.get("history").get(1).get("attempt").asInt()).isEqualTo(2);
        assertThat(event.get("history").get(1).get("outcome").asText()).isEqualTo("processed");
    }

    @Test
    void replayingAnEventThatStillBreaksItsSchemaIsAnswered409AndLeavesItQuarantined() throws Exception {
        String id = postImpactRaw(brokenRejected());
        assertThat(webhooks.event(id).get("status").asText()).isEqualTo("quarantined");

        JsonNode json = error(webhooks.admin("POST", "/api/events/" + id + "/replay"), 409, "quarantined");
        assertThat(json.get("detail").asText()).contains("offeringApplicationId");

        JsonNode event = webhooks.event(id);
        assertThat(event.get("status").asText()).isEqualTo("quarantined");
        assertThat(event.get("validationErrors").toString()).contains("offeringApplicationId");
        assertThat(event.get("attempts").asInt()).isZero();
        assertThat(event.get("history")).isEmpty();
    }

    // --- GET /api/catalogue ---------------------------------------------------------------------

    @Test
    void theCatalogueListsProviderEventAndDescription() throws Exception {
        HttpResponse<String> answer = webhooks.admin("GET", "/api/catalogue");
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode events = mapper.readTree(answer.body()).get("events");
        assertThat(events.size()).isGreaterThanOrEqualTo(43);
        events.forEach(e -> {
            assertThat(e.get("provider").asText()).isNotBlank();
            assertThat(e.get("event").asText()).isNotBlank();
            assertThat(e.get("description").asText()).as(e.toString()).isNotBlank();
        });
        List<String> keys = new ArrayList<>();
        events.forEach(e -> keys.add(e.get("provider").asText() + "/" + e.get("event").asText()));
        assertThat(keys).contains("impact/program_application.rejected", "webconnex/registration",
                "stripe/checkout.session.completed", "gleam/entry.created", "partnerstack/application_created",
                "creator/order.completed");
        assertThat(keys).doesNotHaveDuplicates();
    }

    @Test
    void oneCatalogueEventShowsItsSchemaAndSample() throws Exception {
        HttpResponse<String> answer = webhooks.admin("GET", "/api/catalogue/impact/program_application.rejected");
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode json = mapper.readTree(answer.body());
        assertThat(json.get("provider").asText()).isEqualTo("impact");
        assertThat(json.get("event").asText()).isEqualTo("program_application.rejected");
        assertThat(json.get("description").asText()).isNotBlank();
        assertThat(json.get("schema").get("required").toString()).contains("data");
        assertThat(json.get("sample").get("event").asText()).isEqualTo("program_application.rejected");

        error(webhooks.admin("GET", "/api/catalogue/impact/no.such.event"), 404, "not_found");
        error(webhooks.admin("GET", "/api/catalogue/nobody/program_application.rejected"), 404, "not_found");
    }

    // --- actuator -------------------------------------------------------------------------------

    @Test
    void healthIsUpWithoutAToken() throws Exception {
        HttpResponse<String> answer = webhooks.request("GET", "/actuator/health", null, null);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(mapper.readTree(answer.body()).get("status").asText()).isEqualTo("UP");
    }

    @Test
    void readinessIsUpWithoutATokenOnceTheGatewayRouteRuns() throws Exception {
        HttpResponse<String> answer = webhooks.request("GET", "/actuator/health/readiness", null, null);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(mapper.readTree(answer.body()).get("status").asText()).isEqualTo("UP");
    }

    @Test
    void metricsAndPrometheusNeedTheAdminToken() throws Exception {
        for (String path : List.of("/actuator/metrics", "/actuator/prometheus", "/actuator/info", "/actuator")) {
            HttpResponse<String> anonymous = webhooks.request("GET", path, null, null);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(mapper.readTree(anonymous.body()).get("error").asText()).isEqualTo("unauthorized");
            assertThat(webhooks.request("GET", path, null, "wrong-token-0123456789").statusCode()).as(path).isEqualTo(401);
        }
        // (Spring Boot's tests export no Prometheus registry: the jar's scrape is checked in SecretsStayOutIT.)
        HttpResponse<String> metrics = webhooks.admin("GET", "/actuator/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("hookline.webhooks.received");
    }

    @Test
    void theRejectionMetricExistsAfterARejection() throws Exception {
        HttpResponse<String> refused = webhooks.post("t-impact", validRejected(), Map.of());
        assertThat(refused.statusCode()).isEqualTo(401);

        HttpResponse<String> answer = webhooks.admin("GET", "/actuator/metrics/hookline.webhooks.rejected");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode metric = mapper.readTree(answer.body());
        assertThat(metric.get("name").asText()).isEqualTo("hookline.webhooks.rejected");
        assertThat(metric.get("measurements").get(0).get("value").asDouble()).isGreaterThanOrEqualTo(1.0);

        HttpResponse<String> tagged = webhooks.admin("GET",
                "/actuator/metrics/hookline.webhooks.rejected?tag=source:t-impact&tag=reason:missing_signature");
        assertThat(tagged.statusCode()).as(tagged.body()).isEqualTo(200);
        assertThat(mapper.readTree(tagged.body()).get("measurements").get(0).get("value").asDouble())
                .isGreaterThanOrEqualTo(1.0);
    }

    // --- helpers --------------------------------------------------------------------------------

    HttpResponse<String> getWithAuthorization(String path, String authorization) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", authorization).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    static String validRejected() {
        return """
                {"event":"program_application.rejected","name":"Application Rejected","version":"1.0",\
                "timestamp":"2025-04-28T22:11:00Z","data":{"offeringApplicationId":"app-%s",\
                "rejectionSource":"sponsor","reason":"Funding limits reached"}}""".formatted(UUID.randomUUID());
    }

    /** program_application.rejected without data.offeringApplicationId: breaks its schema. */
    static String brokenRejected() {
        return """
                {"event":"program_application.rejected","name":"Application Rejected","version":"1.0",\
                "timestamp":"2025-04-28T22:11:00Z","data":{"rejectionSource":"sponsor","reason":"%s"}}"""
                .formatted(UUID.randomUUID());
    }

    /** An Impact event of the given (uncatalogued) type: accepted, then processed. */
    String postImpact(String type) throws Exception {
        String body = "{\"event\":\"" + type + "\",\"data\":{\"n\":\"" + UUID.randomUUID() + "\"}}";
        return accepted(webhooks.postImpact("t-impact", body, IMPACT_SECRET, "dlv-" + UUID.randomUUID()));
    }

    String postCreator(String type) throws Exception {
        String body = "{\"event\":\"" + type + "\",\"data\":{\"n\":\"" + UUID.randomUUID() + "\"}}";
        return accepted(webhooks.post("t-creator", body, Map.of(
                "X-Creator-Signature", "v1=" + TestSigner.hex("test-creator-secret", body),
                "X-Webhook-Id", "wh-" + UUID.randomUUID())));
    }

    /** Posts a signed Impact body; returns the new event's id (accepted or quarantined). */
    String postImpactRaw(String body) throws Exception {
        HttpResponse<String> answer = webhooks.postImpact("t-impact", body, IMPACT_SECRET, "dlv-" + UUID.randomUUID());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        return mapper.readTree(answer.body()).get("id").asText();
    }

    String accepted(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        JsonNode json = mapper.readTree(answer.body());
        assertThat(json.get("status").asText()).isEqualTo("accepted");
        return json.get("id").asText();
    }

    JsonNode list(String query) throws Exception {
        HttpResponse<String> answer = webhooks.admin("GET", "/api/events?" + query);
        assertThat(answer.statusCode()).as("GET /api/events?%s: %s", query, answer.body()).isEqualTo(200);
        return mapper.readTree(answer.body());
    }

    static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.get("events").forEach(e -> ids.add(e.get("id").asText()));
        return ids;
    }

    JsonNode error(HttpResponse<String> answer, int status, String error) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        JsonNode json = mapper.readTree(answer.body());
        assertThat(json.get("error").asText()).isEqualTo(error);
        assertThat(json.get("detail").asText()).isNotBlank();
        assertThat(answer.body()).doesNotContain("\tat ", ".java:", Webhooks.ADMIN_TOKEN, IMPACT_SECRET);
        return json;
    }

    void unauthorized(HttpResponse<String> answer) throws Exception {
        JsonNode json = error(answer, 401, "unauthorized");
        assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).startsWith("Bearer"));
        assertThat(json.get("detail").asText()).doesNotContain(Webhooks.ADMIN_TOKEN);
    }
}
