package io.hookline.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookline.support.HttpTestSupport;
import io.hookline.support.TestSigner;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Hookline as a sender, over real HTTP to receivers on loopback (allowed by the test
 * configuration's hookline.outbound.allowed-networks): every webhook on an event gets its own
 * signed delivery, failures are retried on the documented schedule, every attempt is logged, and
 * a re-send keeps the delivery id. Signatures are checked with an independent HMAC (TestSigner).
 */
class OutboundDeliveryTest extends HttpTestSupport {

    @RegisterExtension
    final Receivers receivers = new Receivers();

    @Autowired
    JdbcTemplate jdbc;

    private JsonNode api(String method, String path, String body, int expected) throws Exception {
        HttpResponse<String> r = webhooks.request(method, path, body, io.hookline.support.Webhooks.ADMIN_TOKEN);
        assertThat(r.statusCode()).as("%s %s: %s", method, path, r.body()).isEqualTo(expected);
        return r.body().isEmpty() ? null : mapper.readTree(r.body());
    }

    private JsonNode webhook(String url, String event, String signature) throws Exception {
        return api("POST", "/api/webhooks", """
                {"event": "%s", "nickname": "test-%s", "url": "%s", "signature": "%s"}
                """.formatted(event, UUID.randomUUID(), url, signature), 201);
    }

    /** A unique event name per test, so that the tests' webhooks never receive each other's events. */
    private static String event() {
        return "test_" + UUID.randomUUID().toString().substring(0, 8) + ".happened";
    }

    private JsonNode publish(String event, String data) throws Exception {
        return api("POST", "/api/events", "{\"event\": \"" + event + "\", \"data\": " + data + "}", 202);
    }

    @Test
    void everyWebhookOnTheEventGetsItsOwnSignedDelivery() throws Exception {
        String event = event();
        Receiver a = receivers.open();
        Receiver b = receivers.open();
        Receiver other = receivers.open();
        JsonNode hookA = webhook(a.url("/a"), event, "impact");
        JsonNode hookB = webhook(b.url("/b"), event, "impact");
        webhook(other.url("/other"), "someone_else.event", "impact");
        assertThat(hookA.get("secret").asText()).startsWith("hls_");

        JsonNode published = publish(event, "{\"offeringApplicationId\": \"app_1\"}");
        assertThat(published.get("deliveries")).hasSize(2);

        await().atMost(Duration.ofSeconds(10)).until(() -> a.requests.size() == 1 && b.requests.size() == 1);
        Receiver.Request got = a.requests.get(0);
        JsonNode body = mapper.readTree(got.body());
        assertThat(body.get("event").asText()).isEqualTo(event);
        assertThat(body.get("version").asText()).isEqualTo("1.0");
        assertThat(body.get("data").get("offeringApplicationId").asText()).isEqualTo("app_1");
        assertThat(got.header("Content-Type")).startsWith("application/json");
        assertThat(got.header("User-Agent")).startsWith("Hookline");
        assertThat(got.header("X-Impact-Event")).isEqualTo(event);
        assertThat(got.header("X-Impact-Signature")).isEqualTo(TestSigner.hex(hookA.get("secret").asText(), got.body()));
        assertThat(b.requests.get(0).header("X-Impact-Signature"))
                .isEqualTo(TestSigner.hex(hookB.get("secret").asText(), b.requests.get(0).body()));
        assertThat(got.header("X-Impact-Delivery-Id")).isIn(published.get("deliveries").get(0).asText(),
                published.get("deliveries").get(1).asText());
        assertThat(other.requests).isEmpty();

        String deliveryId = got.header("X-Hookline-Delivery");
        await().atMost(Duration.ofSeconds(5)).until(() -> api("GET", "/api/deliveries/" + deliveryId, null, 200)
                .get("status").asText().equals("succeeded"));
        JsonNode log = api("GET", "/api/deliveries/" + deliveryId, null, 200);
        assertThat(log.get("attempts")).hasSize(1);
        JsonNode attempt = log.get("attempts").get(0);
        assertThat(attempt.get("responseStatus").asInt()).isEqualTo(204);
        assertThat(attempt.get("requestHeaders").get("X-Impact-Signature").asText())
                .as("the log never keeps a usable signature").endsWith("(masked)").hasSizeLessThan(20);
        assertThat(log.get("body").get("data").get("offeringApplicationId").asText()).isEqualTo("app_1");
    }

    /** POST /api/events with a JSON array: the answer, or the failure (status and detail). */
    private HttpResponse<String> publishBatch(String body) throws Exception {
        return webhooks.request("POST", "/api/events", body, io.hookline.support.Webhooks.ADMIN_TOKEN);
    }

    private static String item(String event, int n) {
        return "{\"event\": \"" + event + "\", \"data\": {\"n\": " + n + "}}";
    }

    @Test
    void aBatchPublishesEveryItemToEveryWebhookAndAnswersInItemOrder() throws Exception {
        String event = event();
        Receiver a = receivers.open();
        Receiver b = receivers.open();
        JsonNode hookA = webhook(a.url("/a"), event, "impact");
        JsonNode hookB = webhook(b.url("/b"), event, "impact");

        HttpResponse<String> r = publishBatch("[" + item(event, 0) + ", " + item(event, 1) + ", " + item(event, 2) + "]");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode messages = mapper.readTree(r.body()).get("messages");
        assertThat(messages).hasSize(3);
        for (JsonNode m : messages) {
            assertThat(m.get("event").asText()).isEqualTo(event);
            assertThat(m.get("deliveries")).hasSize(2);
        }
        assertThat(messages).extracting(m -> m.get("id").asText()).doesNotHaveDuplicates();

        await().atMost(Duration.ofSeconds(10)).until(() -> a.requests.size() >= 3 && b.requests.size() >= 3);
        // Nothing more comes: each delivery is received once.
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> a.requests.size() == 3 && b.requests.size() == 3);
        for (var pair : java.util.List.of(java.util.Map.entry(a, hookA), java.util.Map.entry(b, hookB))) {
            String secret = pair.getValue().get("secret").asText();
            assertThat(pair.getKey().requests).extracting(q -> q.header("X-Hookline-Delivery")).doesNotHaveDuplicates();
            for (Receiver.Request got : pair.getKey().requests) {
                assertThat(got.header("X-Impact-Signature")).isEqualTo(TestSigner.hex(secret, got.body()));
                // The n-th item's deliveries are the n-th message's.
                int n = mapper.readTree(got.body()).get("data").get("n").asInt();
                assertThat(messages.get(n).get("deliveries")).extracting(JsonNode::asText).contains(got.header("X-Hookline-Delivery"));
            }
            assertThat(pair.getKey().requests).extracting(q -> mapper.readTree(q.body()).get("data").get("n").asInt())
                    .containsExactlyInAnyOrder(0, 1, 2);
        }
    }

    @Test
    void aBatchWithOneBadItemStoresNothingAndNamesTheItem() throws Exception {
        String event = event();
        Receiver r = receivers.open();
        JsonNode hook = webhook(r.url("/none"), event, "impact");

        HttpResponse<String> answer = publishBatch("[" + item(event, 0) + ", " + item(event, 1) + ", {\"event\": \"" + event
                + "\"}, " + item(event, 3) + "]");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(mapper.readTree(answer.body()).get("detail").asText()).isEqualTo("items[2]: data is required: a JSON object");
        answer = publishBatch("[" + item(event, 0) + ", \"not an event\"]");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(mapper.readTree(answer.body()).get("detail").asText()).isEqualTo("items[1]: must be a JSON object");
        answer = publishBatch("[{\"event\": \"bad event name\", \"data\": {}}]");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(mapper.readTree(answer.body()).get("detail").asText()).startsWith("items[0]: event is required");

        assertThat(api("GET", "/api/webhooks/" + hook.get("id").asText() + "/deliveries", null, 200).get("deliveries")).isEmpty();
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> r.requests.isEmpty());
    }

    @Test
    void anEmptyOrOverLongBatchIsRefusedNamingTheLimit() throws Exception {
        String event = event();
        HttpResponse<String> answer = publishBatch("[]");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(mapper.readTree(answer.body()).get("detail").asText())
                .isEqualTo("an array of 1 to 500 events is expected (hookline.outbound.max-batch), not 0");
        StringBuilder tooMany = new StringBuilder("[");
        for (int i = 0; i < 501; i++) tooMany.append(i == 0 ? "" : ",").append(item(event, i));
        answer = publishBatch(tooMany.append("]").toString());
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(mapper.readTree(answer.body()).get("detail").asText())
                .isEqualTo("an array of 1 to 500 events is expected (hookline.outbound.max-batch), not 501");
        answer = publishBatch("\"text\"");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(mapper.readTree(answer.body()).get("detail").asText()).startsWith("the body must be a JSON object, or an array");
    }

    @Test
    void standardWebhooksSignaturesVerifyIndependently() throws Exception {
        String event = event();
        Receiver r = receivers.open();
        JsonNode hook = webhook(r.url("/sw"), event, "standard-webhooks");
        String secret = hook.get("secret").asText();
        assertThat(secret).startsWith("whsec_");
        publish(event, "{\"n\": 1}");
        await().atMost(Duration.ofSeconds(10)).until(() -> r.requests.size() == 1);
        Receiver.Request got = r.requests.get(0);
        long ts = Long.parseLong(got.header("webhook-timestamp"));
        assertThat(Math.abs(Instant.now().getEpochSecond() - ts)).isLessThan(30);
        assertThat(got.header("webhook-signature"))
                .isEqualTo(TestSigner.standardWebhooks(secret, got.header("webhook-id"), ts, got.body()));
    }

    @Test
    void aFailingReceiverIsRetriedWithBackOffUntilItAnswers2xxWithTheSameDeliveryId() throws Exception {
        String event = event();
        Receiver r = receivers.open().answer(500, 503);
        JsonNode hook = webhook(r.url("/flaky"), event, "impact");
        publish(event, "{}");
        await().atMost(Duration.ofSeconds(15)).until(() -> r.requests.size() == 3);
        assertThat(r.requests).extracting(q -> q.header("X-Hookline-Delivery")).containsOnly(r.requests.get(0).header("X-Hookline-Delivery"));
        // Test schedule: 300 ms, then 600 ms (× 2), each ± 10 %.
        Duration first = Duration.between(r.requests.get(0).at(), r.requests.get(1).at());
        Duration second = Duration.between(r.requests.get(1).at(), r.requests.get(2).at());
        assertThat(first.toMillis()).isBetween(250L, 1_500L);
        assertThat(second.toMillis()).isBetween(520L, 2_000L).isGreaterThan(first.toMillis());

        String id = r.requests.get(0).header("X-Hookline-Delivery");
        await().atMost(Duration.ofSeconds(5)).until(() -> api("GET", "/api/deliveries/" + id, null, 200)
                .get("status").asText().equals("succeeded"));
        JsonNode log = api("GET", "/api/deliveries/" + id, null, 200);
        assertThat(log.get("attempts")).extracting(a -> a.get("responseStatus").asInt()).containsExactly(500, 503, 204);
        assertThat(log.get("attempts")).extracting(a -> a.get("attempt").asInt()).containsExactly(1, 2, 3);
        for (JsonNode a : log.get("attempts")) {
            long late = Duration.between(Instant.parse(a.get("scheduledAt").asText()), Instant.parse(a.get("startedAt").asText())).toMillis();
            assertThat(late).as("attempt %s fired %d ms after its scheduled time", a.get("attempt"), late).isLessThan(1_000);
        }
        JsonNode listed = api("GET", "/api/webhooks/" + hook.get("id").asText() + "/deliveries", null, 200);
        assertThat(listed.get("deliveries")).extracting(d -> d.get("id").asText()).containsExactly(id);
    }

    @Test
    void aReceiversRetryAfterIsHonouredOverTheShorterBackOff() throws Exception {
        String event = event();
        Receiver r = receivers.open().answer(503).retryAfter("2");
        webhook(r.url("/busy"), event, "impact");
        publish(event, "{}");
        await().atMost(Duration.ofSeconds(15)).until(() -> r.requests.size() == 2);
        // The test back-off would retry after 300 ms ± 10 %; the receiver asked for 2 s.
        assertThat(Duration.between(r.requests.get(0).at(), r.requests.get(1).at()).toMillis()).isBetween(1_950L, 4_000L);
    }

    @Test
    void afterTheLastAttemptTheDeliveryFailsAndAReSendKeepsItsId() throws Exception {
        String event = event();
        Receiver r = receivers.open().otherwise(500);
        webhook(r.url("/down"), event, "impact");
        publish(event, "{}");
        await().atMost(Duration.ofSeconds(20)).until(() -> r.requests.size() == 4);
        String id = r.requests.get(0).header("X-Hookline-Delivery");
        await().atMost(Duration.ofSeconds(5)).until(() -> api("GET", "/api/deliveries/" + id, null, 200)
                .get("status").asText().equals("failed"));
        assertThat(api("GET", "/api/deliveries/" + id, null, 200).get("lastError").asText()).contains("gave up after 4 attempts: HTTP 500");

        r.otherwise(200);
        api("POST", "/api/deliveries/" + id + "/resend", null, 202);
        await().atMost(Duration.ofSeconds(10)).until(() -> api("GET", "/api/deliveries/" + id, null, 200)
                .get("status").asText().equals("succeeded"));
        assertThat(r.requests).hasSize(5);
        assertThat(r.requests.get(4).header("X-Hookline-Delivery")).isEqualTo(id);
        assertThat(r.requests.get(4).body()).isEqualTo(r.requests.get(0).body());
        JsonNode attempts = api("GET", "/api/deliveries/" + id, null, 200).get("attempts");
        assertThat(attempts).extracting(a -> a.get("attempt").asInt()).containsExactly(1, 2, 3, 4, 5);
        assertThat(attempts).extracting(a -> a.get("responseStatus").asInt()).containsExactly(500, 500, 500, 500, 200);
        api("POST", "/api/deliveries/" + id + "/resend", null, 202);
    }

    @Test
    void aDeliveryThatSucceedsAtOnceKeepsItsAttemptInItsOwnRow() throws Exception {
        String event = event();
        Receiver r = receivers.open();
        webhook(r.url("/once"), event, "impact");
        String id = publish(event, "{}").get("deliveries").get(0).asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> api("GET", "/api/deliveries/" + id, null, 200)
                .get("status").asText().equals("succeeded"));
        JsonNode attempts = api("GET", "/api/deliveries/" + id, null, 200).get("attempts");
        assertThat(attempts).hasSize(1);
        assertThat(attempts.get(0).get("attempt").asInt()).isEqualTo(1);
        assertThat(attempts.get(0).get("responseStatus").asInt()).isEqualTo(204);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM hookline_delivery_attempt WHERE delivery_id = ?", Integer.class, id))
                .as("no attempt row: the one attempt is in the delivery's row (migration V10)").isZero();
    }

    @Test
    void aDeliveryAttemptedBeforeTheLatestAttemptMovedIntoItsRowKeepsEveryAttempt() throws Exception {
        String event = event();
        Receiver r = receivers.open().answer(500, 500, 500, 500);
        webhook(r.url("/old"), event, "impact");
        String id = publish(event, "{}").get("deliveries").get(0).asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> api("GET", "/api/deliveries/" + id, null, 200)
                .get("status").asText().equals("failed"));
        // The layout before migration V10: every attempt in hookline_delivery_attempt, none in the row.
        jdbc.update("INSERT INTO hookline_delivery_attempt (delivery_id, attempt, scheduled_at, started_at, duration_ms, "
                + "request_headers, response_status, response_headers, response_body, error) SELECT id, attempt_count, "
                + "attempt_scheduled_at, attempt_started_at, attempt_duration_ms, attempt_request_headers, attempt_response_status, "
                + "attempt_response_headers, attempt_response_body, attempt_error FROM hookline_delivery WHERE id = ?", id);
        jdbc.update("UPDATE hookline_delivery SET attempt_started_at = NULL WHERE id = ?", id);
        assertThat(api("GET", "/api/deliveries/" + id, null, 200).get("attempts")).hasSize(4);

        api("POST", "/api/deliveries/" + id + "/resend", null, 202);
        await().atMost(Duration.ofSeconds(10)).until(() -> api("GET", "/api/deliveries/" + id, null, 200)
                .get("status").asText().equals("succeeded"));
        JsonNode attempts = api("GET", "/api/deliveries/" + id, null, 200).get("attempts");
        assertThat(attempts).extracting(a -> a.get("attempt").asInt()).containsExactly(1, 2, 3, 4, 5);
        assertThat(attempts).extracting(a -> a.get("responseStatus").asInt()).containsExactly(500, 500, 500, 500, 204);
    }

    @Test
    void anAttemptThatEndsAfterItsWebhookWasDisabledIsNumberedAndTheReSendIsTheNext() throws Exception {
        String event = event();
        Receiver r = receivers.open().answer(-1); // holds the first request past the 1 s timeout
        JsonNode hook = webhook(r.url("/held"), event, "impact");
        String hookId = hook.get("id").asText();
        String id = publish(event, "{}").get("deliveries").get(0).asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> r.requests.size() == 1);
        // Disabled while the attempt is in flight: the delivery fails at once, and its attempt's outcome,
        // recorded after, is logged without bringing it back.
        api("PATCH", "/api/webhooks/" + hookId, "{\"enabled\": false}", 200);
        await().atMost(Duration.ofSeconds(10)).until(() -> api("GET", "/api/deliveries/" + id, null, 200)
                .get("attempts").size() == 1);
        JsonNode failed = api("GET", "/api/deliveries/" + id, null, 200);
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("attempts").get(0).get("error").asText()).containsIgnoringCase("timeout");

        api("PATCH", "/api/webhooks/" + hookId, "{\"enabled\": true}", 200);
        api("POST", "/api/deliveries/" + id + "/resend", null, 202);
        await().atMost(Duration.ofSeconds(10)).until(() -> api("GET", "/api/deliveries/" + id, null, 200)
                .get("status").asText().equals("succeeded"));
        JsonNode attempts = api("GET", "/api/deliveries/" + id, null, 200).get("attempts");
        assertThat(attempts).extracting(a -> a.get("attempt").asInt()).containsExactly(1, 2);
        assertThat(attempts.get(1).get("responseStatus").asInt()).isEqualTo(204);
        assertThat(r.requests).hasSize(2);
    }

    @Test
    void aReceiverThatDoesNotAnswerInTimeIsAFailedAttempt() throws Exception {
        String event = event();
        Receiver r = receivers.open().answer(-1);
        webhook(r.url("/slow"), event, "impact");
        publish(event, "{}");
        await().atMost(Duration.ofSeconds(15)).until(() -> r.requests.size() >= 2);
        String id = r.requests.get(0).header("X-Hookline-Delivery");
        await().atMost(Duration.ofSeconds(5)).until(() -> api("GET", "/api/deliveries/" + id, null, 200)
                .get("status").asText().equals("succeeded"));
        JsonNode first = api("GET", "/api/deliveries/" + id, null, 200).get("attempts").get(0);
        assertThat(first.get("responseStatus").isNull()).isTrue();
        assertThat(first.get("error").asText()).containsIgnoringCase("timeout");
    }

    @Test
    void bulkReSendOfFailedDeliveriesSinceATime() throws Exception {
        String event = event();
        Receiver r = receivers.open().otherwise(400);
        JsonNode hook = webhook(r.url("/bulk"), event, "impact");
        Instant since = Instant.now();
        publish(event, "{\"n\": 1}");
        publish(event, "{\"n\": 2}");
        await().atMost(Duration.ofSeconds(20)).until(() -> api("GET", "/api/webhooks/" + hook.get("id").asText()
                + "/deliveries?status=failed", null, 200).get("deliveries").size() == 2);
        r.otherwise(200);
        JsonNode resent = api("POST", "/api/deliveries/resend", "{\"since\": \"" + since + "\", \"webhookId\": \""
                + hook.get("id").asText() + "\"}", 202);
        assertThat(resent.get("resent").asInt()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> api("GET", "/api/webhooks/" + hook.get("id").asText()
                + "/deliveries?status=succeeded", null, 200).get("deliveries").size() == 2);
    }

    @Test
    void aRotatedSecretSignsAlongsideTheOldOneDuringTheGracePeriod() throws Exception {
        String event = event();
        Receiver r = receivers.open();
        JsonNode hook = webhook(r.url("/rotate"), event, "impact");
        String old = hook.get("secret").asText();
        JsonNode rotated = api("POST", "/api/webhooks/" + hook.get("id").asText() + "/rotate-secret", "{\"grace\": \"1h\"}", 200);
        String fresh = rotated.get("secret").asText();
        assertThat(fresh).isNotEqualTo(old);
        publish(event, "{}");
        await().atMost(Duration.ofSeconds(10)).until(() -> r.requests.size() == 1);
        Receiver.Request got = r.requests.get(0);
        assertThat(got.header("X-Impact-Signature").split(","))
                .containsExactly(TestSigner.hex(fresh, got.body()), TestSigner.hex(old, got.body()));
        assertThat(api("GET", "/api/webhooks/" + hook.get("id").asText(), null, 200).has("secret"))
                .as("the secret is shown once").isFalse();
    }

    @Test
    void privateAndPlainUrlsAreRefusedUnlessAllowedSayingWhy() throws Exception {
        HttpResponse<String> r = webhooks.request("POST", "/api/webhooks",
                "{\"event\": \"x.y\", \"url\": \"https://10.1.2.3/hook\"}", io.hookline.support.Webhooks.ADMIN_TOKEN);
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode body = mapper.readTree(r.body());
        assertThat(body.get("error").asText()).isEqualTo("url_refused");
        assertThat(body.get("detail").asText()).contains("10.1.2.3").contains("hookline.outbound.allowed-networks");
        r = webhooks.request("POST", "/api/webhooks", "{\"event\": \"x.y\", \"url\": \"https://169.254.169.254/latest/meta-data\"}",
                io.hookline.support.Webhooks.ADMIN_TOKEN);
        assertThat(r.statusCode()).isEqualTo(400);
        r = webhooks.request("POST", "/api/webhooks", "{\"event\": \"x.y\", \"url\": \"http://127.0.0.2/hook\"}",
                io.hookline.support.Webhooks.ADMIN_TOKEN);
        assertThat(r.statusCode()).as("127.0.0.2 is not in the allow-list (127.0.0.1/32)").isEqualTo(400);
        r = webhooks.request("POST", "/api/webhooks", "{\"url\": \"http://127.0.0.1/hook\"}", io.hookline.support.Webhooks.ADMIN_TOKEN);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("event is required");
        assertThat(webhooks.request("GET", "/api/webhooks", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void aWebhookFailingLongerThanDisableAfterIsDisabledAndReEnablingResendsNothing() throws Exception {
        String event = event();
        Receiver r = receivers.open().otherwise(500);
        JsonNode hook = webhook(r.url("/dead"), event, "impact");
        String id = hook.get("id").asText();
        // Test configuration: disable-after 2.5 s. Keep publishing until the run of failures is that long.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(400)).until(() -> {
            publish(event, "{\"n\": 1}");
            return !api("GET", "/api/webhooks/" + id, null, 200).get("enabled").asBoolean();
        });
        JsonNode disabled = api("GET", "/api/webhooks/" + id, null, 200);
        assertThat(disabled.get("disabledReason").asText()).contains("every delivery failed since");
        int sent = r.requests.size();
        publish(event, "{\"n\": 2}");
        api("PATCH", "/api/webhooks/" + id, "{\"enabled\": true}", 200);
        r.otherwise(200);
        // Nothing may arrive: re-enabling resumes nothing by itself.
        await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(3)).until(() -> r.requests.size() == sent);
        assertThat(api("GET", "/api/webhooks/" + id + "/deliveries?status=pending", null, 200).get("deliveries")).isEmpty();
    }

    @Test
    void aRedirectIsAFailedAttemptAndIsNeverFollowed() throws Exception {
        String event = event();
        Receiver target = receivers.open();
        Receiver redirecting = receivers.open().redirectTo(307, target.url("/elsewhere"));
        webhook(redirecting.url("/moved"), event, "impact");
        publish(event, "{}");
        await().atMost(Duration.ofSeconds(15)).until(() -> redirecting.requests.size() == 4);
        String id = redirecting.requests.get(0).header("X-Hookline-Delivery");
        await().atMost(Duration.ofSeconds(5)).until(() -> api("GET", "/api/deliveries/" + id, null, 200)
                .get("status").asText().equals("failed"));
        JsonNode first = api("GET", "/api/deliveries/" + id, null, 200).get("attempts").get(0);
        assertThat(first.get("responseStatus").asInt()).isEqualTo(307);
        assertThat(first.get("responseHeaders").get("Location").asText()).isEqualTo(target.url("/elsewhere"));
        assertThat(target.requests).as("the redirect target is never contacted").isEmpty();
    }

    @Test
    void aTestSendPostsTheCatalogueSampleToThatWebhookOnly() throws Exception {
        Receiver r = receivers.open();
        JsonNode hook = webhook(r.url("/test"), "program_application.rejected", "impact");
        JsonNode sent = api("POST", "/api/webhooks/" + hook.get("id").asText() + "/test", null, 202);
        assertThat(sent.get("event").asText()).isEqualTo("program_application.rejected");
        await().atMost(Duration.ofSeconds(10)).until(() -> r.requests.size() == 1);
        assertThat(mapper.readTree(r.requests.get(0).body()).get("data").get("reason").asText()).isEqualTo("Funding limits reached");
    }
}
