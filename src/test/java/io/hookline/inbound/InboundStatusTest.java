package io.hookline.inbound;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookline.support.HttpTestSupport;
import io.hookline.support.TestSigner;
import io.hookline.support.Webhooks;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a sender gets back from {@code POST /webhooks/{source}}, case by case (the status table of
 * the issue), always over real HTTP against the running application: the status, and the JSON body
 * ({@code id}/{@code status} when stored, {@code error}/{@code detail} when refused). A refusal
 * never shows a secret, a stack trace, or the request's signature header.
 */
class InboundStatusTest extends HttpTestSupport {

    static final String IMPACT_SECRET = "test-impact-secret";
    static final String OLD_IMPACT_SECRET = "old-impact-secret";
    static final String WEBCONNEX_SECRET = "test-webconnex-secret";
    static final String CREATOR_SECRET = "test-creator-secret";
    static final String STRIPE_SECRET = "whsec_test_stripe_secret";
    static final String STANDARD_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String[] SECRETS = {IMPACT_SECRET, OLD_IMPACT_SECRET, WEBCONNEX_SECRET, "test-partnerstack-secret",
            CREATOR_SECRET, STRIPE_SECRET, STANDARD_SECRET, "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", Webhooks.ADMIN_TOKEN};

    static final int ONE_MIB = 1024 * 1024;
    static final String GLEAM_ADDRESS = "173.255.204.234";

    // --- 202: accepted and stored ------------------------------------------------------------

    @Test
    void aSignedEventIsAcceptedWith202AndTheIdOfTheStoredEvent() throws Exception {
        String delivery = "dlv-" + UUID.randomUUID();
        String body = rejected("app-" + UUID.randomUUID());

        HttpResponse<String> answer = webhooks.postImpact("t-impact", body, IMPACT_SECRET, delivery);

        String id = accepted(answer, "X-Impact-Signature", TestSigner.hex(IMPACT_SECRET, body));
        JsonNode event = webhooks.event(id);
        assertThat(event.get("id").asText()).isEqualTo(id);
        assertThat(event.get("source").asText()).isEqualTo("t-impact");
        assertThat(event.get("provider").asText()).isEqualTo("impact");
        assertThat(event.get("type").asText()).isEqualTo("program_application.rejected");
        assertThat(event.get("deliveryId").asText()).isEqualTo(delivery);
        assertThat(event.get("payload")).isEqualTo(mapper.readTree(body));
    }

    // --- 200: duplicate ------------------------------------------------------------------------

    @Test
    void aRepeatedDeliveryIsAnswered200WithTheFirstEventsIdAndIsProcessedOnlyOnce() throws Exception {
        String delivery = "dlv-" + UUID.randomUUID();
        String body = rejected("app-" + UUID.randomUUID());

        String first = accepted(webhooks.postImpact("t-impact", body, IMPACT_SECRET, delivery));
        webhooks.awaitStatus(first, "processed");
        HttpResponse<String> again = webhooks.postImpact("t-impact", body, IMPACT_SECRET, delivery);
        // A duplicate that arrives while the first is still queued is recognised as well.
        String body2 = rejected("app-" + UUID.randomUUID());
        String delivery2 = "dlv-" + UUID.randomUUID();
        String second = accepted(webhooks.postImpact("t-impact", body2, IMPACT_SECRET, delivery2));
        HttpResponse<String> quickRepeat = webhooks.postImpact("t-impact", body2, IMPACT_SECRET, delivery2);

        assertDuplicateOf(again, first);
        assertDuplicateOf(quickRepeat, second);
        webhooks.awaitStatus(second, "processed");
        for (String id : List.of(first, second)) {
            JsonNode event = webhooks.event(id);
            assertThat(event.get("attempts").asInt()).isEqualTo(1);
            assertThat(event.get("history")).hasSize(1);
            assertThat(event.get("history").get(0).get("attempt").asInt()).isEqualTo(1);
        }
    }

    // --- 401: signature ------------------------------------------------------------------------

    @Test
    void aRequestWithoutItsSignatureIsRefusedWith401() throws Exception {
        String body = rejected("app-" + UUID.randomUUID());
        HttpResponse<String> answer = webhooks.post("t-impact", body, Map.of("X-Impact-Delivery-Id", "dlv-" + UUID.randomUUID()));
        refused(answer, 401, "missing_signature");

        // The right signature in another header does not count either.
        HttpResponse<String> elsewhere = webhooks.post("t-impact", body,
                Map.of("X-Signature", TestSigner.hex(IMPACT_SECRET, body)));
        refused(elsewhere, 401, "missing_signature", "X-Signature", TestSigner.hex(IMPACT_SECRET, body));
    }

    @Test
    void aRequestWithAWrongSignatureIsRefusedWith401() throws Exception {
        String body = rejected("app-" + UUID.randomUUID());
        String otherSecret = TestSigner.hex("not-the-impact-secret", body);
        refused(webhooks.post("t-impact", body, Map.of("X-Impact-Signature", otherSecret)),
                401, "invalid_signature", "X-Impact-Signature", otherSecret);

        // Right secret, but the body was changed after signing.
        String signature = TestSigner.hex(IMPACT_SECRET, body);
        String tampered = body.replace("Funding limits reached", "Funding limits reachee");
        refused(webhooks.post("t-impact", tampered, Map.of("X-Impact-Signature", signature)),
                401, "invalid_signature", "X-Impact-Signature", signature);

        refused(webhooks.post("t-impact", body, Map.of("X-Impact-Signature", "not-a-signature")),
                401, "invalid_signature", "X-Impact-Signature", "not-a-signature");
    }

    @Test
    void aStripeEventSignedTooLongAgoOrInTheFutureIsRefusedWith401() throws Exception {
        String body = stripeEvent("evt_" + UUID.randomUUID().toString().replace("-", ""), "checkout.session.fancy_new");
        long now = Instant.now().getEpochSecond();
        for (long t : new long[] {now - 600, now + 600}) {
            String header = TestSigner.stripe(STRIPE_SECRET, body, t);
            refused(webhooks.post("t-stripe", body, Map.of("Stripe-Signature", header)),
                    401, "stale_timestamp", "Stripe-Signature", header);
        }
        // The same body signed now passes: it was the timestamp, not the signature.
        accepted(webhooks.post("t-stripe", body, Map.of("Stripe-Signature", TestSigner.stripe(STRIPE_SECRET, body, now))));
    }

    @Test
    void aStripeEventWithoutOrWithAWrongSignatureIsRefusedWith401() throws Exception {
        String body = stripeEvent("evt_" + UUID.randomUUID().toString().replace("-", ""), "checkout.session.fancy_new");
        long now = Instant.now().getEpochSecond();
        refused(webhooks.post("t-stripe", body, Map.of()), 401, "missing_signature");
        String wrong = TestSigner.stripe("whsec_another_secret", body, now);
        refused(webhooks.post("t-stripe", body, Map.of("Stripe-Signature", wrong)),
                401, "invalid_signature", "Stripe-Signature", wrong);
    }

    @Test
    void aStandardWebhooksEventWithAStaleTimestampIsRefusedWith401() throws Exception {
        String id = "msg_" + UUID.randomUUID();
        String body = "{\"type\":\"invoice.paid\",\"data\":{\"n\":\"" + UUID.randomUUID() + "\"}}";
        long now = Instant.now().getEpochSecond();
        for (long t : new long[] {now - 600, now + 600}) {
            String signature = TestSigner.standardWebhooks(STANDARD_SECRET, id, t, body);
            refused(webhooks.post("t-standard", body, standardHeaders(id, t, signature)),
                    401, "stale_timestamp", "webhook-signature", signature);
        }
        refused(webhooks.post("t-standard", body, Map.of("webhook-id", id, "webhook-timestamp", String.valueOf(now))),
                401, "missing_signature");
        String wrong = TestSigner.standardWebhooks("whsec_" + java.util.Base64.getEncoder().encodeToString(
                "another-secret".getBytes(UTF_8)), id, now, body);
        refused(webhooks.post("t-standard", body, standardHeaders(id, now, wrong)),
                401, "invalid_signature", "webhook-signature", wrong);
    }

    @Test
    void aStripeSignatureWithAnUnreadableV1IsInvalidNotMissing() throws Exception {
        String body = stripeEvent("evt_" + UUID.randomUUID().toString().replace("-", ""), "checkout.session.fancy_new");
        long now = Instant.now().getEpochSecond();
        String header = "t=" + now + ",v1=bad_signature";
        JsonNode answer = refused(webhooks.post("t-stripe", body, Map.of("Stripe-Signature", header)),
                401, "invalid_signature", "Stripe-Signature", header);
        assertThat(answer.get("detail").asText()).isEqualTo("No signatures found matching the expected signature for payload");
        // Only no v1 at all is a missing signature.
        refused(webhooks.post("t-stripe", body, Map.of("Stripe-Signature", "t=" + now)), 401, "missing_signature");
    }

    @Test
    void aBase64SignatureWithoutItsPaddingIsRefusedWith401() throws Exception {
        String id = "msg_" + UUID.randomUUID();
        String body = "{\"type\":\"invoice.paid\",\"data\":{\"n\":\"" + UUID.randomUUID() + "\"}}";
        long now = Instant.now().getEpochSecond();
        String signature = TestSigner.standardWebhooks(STANDARD_SECRET, id, now, body);
        String unpadded = signature.replace("=", "");
        assertThat(unpadded).isNotEqualTo(signature);
        refused(webhooks.post("t-standard", body, standardHeaders(id, now, unpadded)),
                401, "invalid_signature", "webhook-signature", unpadded);
        refused(webhooks.post("t-standard", body, svixHeaders(id, now, unpadded)),
                401, "invalid_signature", "svix-signature", unpadded);
        // The same signature with its padding passes: it was the encoding that was refused.
        accepted(webhooks.post("t-standard", body, standardHeaders(id, now, signature)));

        // An HMAC source configured for base64 compares the same way.
        String impact = rejected("app-" + UUID.randomUUID());
        String b64 = TestSigner.base64(IMPACT_SECRET, impact);
        String b64Unpadded = b64.replace("=", "");
        refused(webhooks.post("t-impact-b64", impact, Map.of("X-Impact-Signature", b64Unpadded)),
                401, "invalid_signature", "X-Impact-Signature", b64Unpadded);
        accepted(webhooks.post("t-impact-b64", impact, Map.of("X-Impact-Signature", b64)));
    }

    // --- 403 / 202: sender address --------------------------------------------------------------

    @Test
    void aGleamRequestFromAnAddressNotOnItsAllowListIsRefusedWith403() throws Exception {
        String body = gleamEntry();
        // Straight from 127.0.0.1 (the trusted proxy itself, naming nobody): not Gleam.
        refused(webhooks.post("t-gleam", body, Map.of()), 403, "sender_not_allowed");
        // Forwarded by the trusted proxy for some other address.
        refused(webhooks.post("t-gleam", body, Map.of("X-Forwarded-For", "203.0.113.9")), 403, "sender_not_allowed");
        // A forged left-most entry does not help: the proxy appended the real client last.
        refused(webhooks.post("t-gleam", body, Map.of("X-Forwarded-For", GLEAM_ADDRESS + ", 203.0.113.9")),
                403, "sender_not_allowed");
    }

    @Test
    void aGleamRequestForwardedByTheTrustedProxyForGleamsAddressIsAccepted() throws Exception {
        String body = gleamEntry();
        String id = accepted(webhooks.post("t-gleam", body, Map.of("X-Forwarded-For", GLEAM_ADDRESS)));
        JsonNode event = webhooks.event(id);
        assertThat(event.get("type").asText()).isEqualTo("entry.created");
        assertThat(event.get("provider").asText()).isEqualTo("gleam");
        // Gleam's second published address as well.
        accepted(webhooks.post("t-gleam", gleamEntry(), Map.of("X-Forwarded-For", "45.79.6.209")));
    }

    @Test
    void aPeerThatIsNotATrustedProxyCannotPickItsAddressWithXForwardedFor() throws Exception {
        // Control: the same raw request from the trusted proxy 127.0.0.1 is accepted.
        String fromProxy = rawPost("127.0.0.1", "/webhooks/t-gleam", gleamEntry(),
                Map.of("X-Forwarded-For", GLEAM_ADDRESS));
        assertThat(fromProxy).startsWith("HTTP/1.1 202");

        // From 127.0.0.2 (not a trusted proxy), the header is ignored: the sender is 127.0.0.2.
        String forged = rawPost("127.0.0.2", "/webhooks/t-gleam", gleamEntry(),
                Map.of("X-Forwarded-For", GLEAM_ADDRESS));
        assertThat(forged).startsWith("HTTP/1.1 403").contains("\"sender_not_allowed\"").contains("127.0.0.2");
    }

    // --- 404 / 405 -----------------------------------------------------------------------------

    @Test
    void aWebhookForAnUnknownSourceIsAnswered404() throws Exception {
        String body = rejected("app-" + UUID.randomUUID());
        String signature = TestSigner.hex(IMPACT_SECRET, body);
        JsonNode answer = refused(webhooks.post("t-nobody-" + UUID.randomUUID(), body,
                Map.of("X-Impact-Signature", signature)), 404, "unknown_source", "X-Impact-Signature", signature);
        assertThat(answer.get("detail").asText()).contains("t-nobody-");

        // No source at all, or a path below a source, is no configured source either.
        refused(webhooks.post("", body, Map.of("X-Impact-Signature", signature)), 404, "unknown_source");
        refused(webhooks.post("t-impact/extra", body, Map.of("X-Impact-Signature", signature)), 404, "unknown_source");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "DELETE", "PATCH"})
    void aWebhookSentWithAnotherMethodThanPostIsAnswered405WithAllowPost(String method) throws Exception {
        String body = method.startsWith("P") ? rejected("app-" + UUID.randomUUID()) : "";
        String signature = TestSigner.hex(IMPACT_SECRET, body);
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/webhooks/t-impact"))
                .header("X-Impact-Signature", signature)
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)));
        refused(answer, 405, "method_not_allowed", "X-Impact-Signature", signature);
        assertThat(answer.headers().allValues("Allow")).containsExactly("POST");
    }

    /** HEAD has no body to carry the JSON, but the status and Allow are the same as for GET. */
    @Test
    void aHeadRequestIsAnswered405WithAllowPost() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/webhooks/t-impact"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(answer.statusCode()).isEqualTo(405);
        assertThat(answer.headers().allValues("Allow")).containsExactly("POST");
    }

    /**
     * OPTIONS is "not POST" too. It must not advertise methods that are then refused: the
     * answer is 405 with Allow: POST like every other method.
     */
    @Test
    void anOptionsRequestIsAnswered405WithAllowPostAndDoesNotAdvertiseOtherMethods() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/webhooks/t-impact"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(answer.statusCode())
                .as("OPTIONS answered %s with Allow %s and body '%s'", answer.statusCode(),
                        answer.headers().allValues("Allow"), answer.body())
                .isEqualTo(405);
        assertThat(answer.headers().allValues("Allow")).containsExactly("POST");
        refused(answer, 405, "method_not_allowed");
    }

    @Test
    void aGetForAnUnknownSourceIsStill405() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/webhooks/t-nobody-" + UUID.randomUUID())).GET());
        refused(answer, 405, "method_not_allowed");
        assertThat(answer.headers().firstValue("Allow")).hasValue("POST");
    }

    // --- 413 -----------------------------------------------------------------------------------

    @Test
    void aBodyOverTheLimitIsRefusedWith413() throws Exception {
        byte[] body = jsonOfSize(ONE_MIB + 1);
        String signature = hmacHex(IMPACT_SECRET, body);
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/webhooks/t-impact"))
                .header("Content-Type", "application/json")
                .header("X-Impact-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        refused(answer, 413, "payload_too_large", "X-Impact-Signature", signature);
    }

    @Test
    void aChunkedBodyWithoutContentLengthOverTheLimitIsRefusedWith413() throws Exception {
        byte[] body = jsonOfSize(ONE_MIB + 1);
        String signature = hmacHex(IMPACT_SECRET, body);
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/webhooks/t-impact"))
                .header("Content-Type", "application/json")
                .header("X-Impact-Signature", signature)
                // No length known up front: the JDK client sends it chunked.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
        refused(answer, 413, "payload_too_large", "X-Impact-Signature", signature);
    }

    @Test
    void aBodyOfExactlyTheLimitIsNotRefusedForItsSize() throws Exception {
        byte[] body = jsonOfSize(ONE_MIB);
        String delivery = "dlv-" + UUID.randomUUID();
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/webhooks/t-impact"))
                .header("Content-Type", "application/json")
                .header("X-Impact-Signature", hmacHex(IMPACT_SECRET, body))
                .header("X-Impact-Delivery-Id", delivery)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
        accepted(answer);
    }

    // --- 400 -----------------------------------------------------------------------------------

    static Stream<Arguments> notOneJsonObject() {
        return Stream.of(
                Arguments.of("not JSON", "this is not json at all".getBytes(UTF_8)),
                Arguments.of("malformed JSON", "{\"event\":\"something.new\",\"data\":{".getBytes(UTF_8)),
                Arguments.of("invalid UTF-8", concat("{\"event\":\"something.new\",\"name\":\"Jos".getBytes(UTF_8),
                        new byte[] {(byte) 0xC3, (byte) 0x28}, "\"}".getBytes(UTF_8))),
                Arguments.of("invalid UTF-8 next to a real U+FFFD", concat("{\"event\":\"something.new\",\"name\":\"\uFFFD"
                        .getBytes(UTF_8), new byte[] {(byte) 0xC3, (byte) 0x28}, "\"}".getBytes(UTF_8))),
                Arguments.of("an overlong UTF-8 encoding", concat("{\"event\":\"something.new\",\"name\":\"".getBytes(UTF_8),
                        new byte[] {(byte) 0xC0, (byte) 0xAF}, "\"}".getBytes(UTF_8))),
                Arguments.of("a UTF-8 encoded surrogate", concat("{\"event\":\"something.new\",\"name\":\"".getBytes(UTF_8),
                        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "\"}".getBytes(UTF_8))),
                Arguments.of("a JSON array", "[{\"event\":\"something.new\"}]".getBytes(UTF_8)),
                Arguments.of("a JSON string", "\"something.new\"".getBytes(UTF_8)),
                Arguments.of("an empty body", new byte[0]),
                Arguments.of("duplicate keys", "{\"event\":\"something.new\",\"event\":\"program_application.rejected\"}"
                        .getBytes(UTF_8)),
                Arguments.of("duplicate keys in a nested object",
                        "{\"event\":\"something.new\",\"data\":{\"a\":1,\"a\":2}}".getBytes(UTF_8)),
                Arguments.of("trailing garbage", "{\"event\":\"something.new\"} garbage".getBytes(UTF_8)),
                Arguments.of("two objects", "{\"event\":\"something.new\"}{\"event\":\"something.new\"}".getBytes(UTF_8)));
    }

    /** U+FFFD is a character like any other: only malformed bytes are refused. */
    @Test
    void aBodyWithAReplacementCharacterAndEmojiIsAcceptedAndStoredAsSent() throws Exception {
        String body = "{\"event\":\"something.new\",\"name\":\"Jos\u00e9 \uFFFD \uD83D\uDE00\"}";
        String id = accepted(webhooks.postImpact("t-impact", body, IMPACT_SECRET, "dlv-" + UUID.randomUUID()));
        JsonNode stored = mapper.readTree(webhooks.admin("GET", "/api/events/" + id).body());
        assertThat(stored.get("payload").get("name").asText()).isEqualTo("Jos\u00e9 \uFFFD \uD83D\uDE00");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notOneJsonObject")
    void aSignedBodyThatIsNotOneJsonObjectIsRefusedWith400(String what, byte[] body) throws Exception {
        String signature = hmacHex(IMPACT_SECRET, body);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Impact-Signature", signature);
        headers.put("X-Impact-Delivery-Id", "dlv-" + UUID.randomUUID());
        if (what.equals("not JSON")) headers.put("Content-Type", "text/plain");
        refused(webhooks.post("t-impact", body, headers), 400, "invalid_json", "X-Impact-Signature", signature);
    }

    // --- 202 quarantined / 202 unknown type ------------------------------------------------------

    @Test
    void aVerifiedEventThatBreaksItsCatalogueSchemaIsQuarantinedAndNeverProcessed() throws Exception {
        String body = """
                {"event":"program_application.rejected","name":"Application Rejected","version":"1.0",\
                "timestamp":"2025-04-28T22:11:00Z","data":{"rejectionSource":"sponsor","reason":"%s"}}"""
                .formatted(UUID.randomUUID());
        String signature = TestSigner.hex(IMPACT_SECRET, body);
        HttpResponse<String> answer = webhooks.postImpact("t-impact", body, IMPACT_SECRET, "dlv-" + UUID.randomUUID());

        assertThat(answer.statusCode()).isEqualTo(202);
        assertNotEchoed(answer, "X-Impact-Signature", signature);
        JsonNode json = mapper.readTree(answer.body());
        assertThat(json.get("status").asText()).isEqualTo("quarantined");
        assertThat(json.get("errors").isArray()).isTrue();
        assertThat(json.get("errors")).isNotEmpty();
        assertThat(json.get("errors").toString()).contains("offeringApplicationId");
        String id = json.get("id").asText();

        JsonNode event = webhooks.event(id);
        assertThat(event.get("status").asText()).isEqualTo("quarantined");
        assertThat(event.get("type").asText()).isEqualTo("program_application.rejected");
        assertThat(event.get("validationErrors").isArray()).isTrue();
        assertThat(event.get("validationErrors").toString()).contains("offeringApplicationId");
        // Never processed: not straight away, and not by the recovery sweep (every 500 ms in tests) later.
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            JsonNode now = webhooks.event(id);
            assertThat(now.get("status").asText()).isEqualTo("quarantined");
            assertThat(now.get("attempts").asInt()).isZero();
            assertThat(now.get("history")).isEmpty();
        });
    }

    @Test
    void aVerifiedEventOfATypeNotInTheCatalogueIsAcceptedThenProcessed() throws Exception {
        String body = "{\"event\":\"something.new\",\"data\":{\"anything\":\"" + UUID.randomUUID() + "\"}}";
        String id = accepted(webhooks.postImpact("t-impact", body, IMPACT_SECRET, "dlv-" + UUID.randomUUID()));
        webhooks.awaitStatus(id, "processed");
        JsonNode event = webhooks.event(id);
        assertThat(event.get("type").asText()).isEqualTo("something.new");
        assertThat(event.has("validationErrors")).isFalse();
        assertThat(event.get("history")).hasSize(1);
        assertThat(event.get("history").get(0).get("outcome").asText()).isEqualTo("processed");
    }

    @Test
    void aVerifiedPayloadThatNamesNoEventTypeIsQuarantined() throws Exception {
        String body = "{\"name\":\"Application Rejected\",\"data\":{\"n\":\"" + UUID.randomUUID() + "\"}}";
        JsonNode json = quarantined(webhooks.postImpact("t-impact", body, IMPACT_SECRET, "dlv-" + UUID.randomUUID()));
        assertThat(json.get("errors").toString()).contains("event");
        JsonNode event = webhooks.event(json.get("id").asText());
        assertThat(event.get("status").asText()).isEqualTo("quarantined");
        assertThat(event.get("type").asText()).isEqualTo("unknown");
    }

    @Test
    void aVerifiedPayloadWithAnOverlongEventTypeIsQuarantinedNotRefused() throws Exception {
        String type = "x".repeat(201);
        String body = "{\"event\":\"" + type + "\",\"data\":{\"n\":\"" + UUID.randomUUID() + "\"}}";
        JsonNode json = quarantined(webhooks.postImpact("t-impact", body, IMPACT_SECRET, "dlv-" + UUID.randomUUID()));
        JsonNode event = webhooks.event(json.get("id").asText());
        assertThat(event.get("status").asText()).isEqualTo("quarantined");
        assertThat(event.get("type").asText()).isEqualTo("unknown");
        assertThat(event.get("payload").get("event").asText()).isEqualTo(type);
    }

    @Test
    void aNonAsciiUtf8BodyIsVerifiedOverItsRawBytesAndStoredUnchanged() throws Exception {
        String body = "{\"event\":\"something.new\",\"data\":{\"applicantName\":\"José Núñez 🎉\",\"n\":\""
                + UUID.randomUUID() + "\"}}";
        // The declared charset is wrong on purpose: the signature is over the bytes, whatever the header says.
        String id = accepted(webhooks.post("t-impact", body, Map.of(
                "Content-Type", "application/json; charset=ISO-8859-1",
                "X-Impact-Signature", TestSigner.hex(IMPACT_SECRET, body),
                "X-Impact-Delivery-Id", "dlv-" + UUID.randomUUID())));
        assertThat(webhooks.event(id).get("payload").get("data").get("applicantName").asText()).isEqualTo("José Núñez 🎉");
        webhooks.awaitStatus(id, "processed");
    }

    // --- signing variants ----------------------------------------------------------------------

    @Test
    void signatureHeaderNamesAreCaseInsensitive() throws Exception {
        String body = rejected("app-" + UUID.randomUUID());
        String signature = TestSigner.hex(IMPACT_SECRET, body);
        accepted(webhooks.post("t-impact", body, Map.of("x-impact-signature", signature,
                "x-impact-delivery-id", "dlv-" + UUID.randomUUID())), "X-Impact-Signature", signature);
    }

    @Test
    void aJsonBodySentAsAFormIsStillReadAsItsRawBytes() throws Exception {
        String body = "{\"event\":\"something.new\",\"a\":\"1&b=2\",\"n\":\"" + UUID.randomUUID() + "\"}";
        String id = accepted(webhooks.post("t-impact", body, Map.of(
                "Content-Type", "application/x-www-form-urlencoded",
                "X-Impact-Signature", TestSigner.hex(IMPACT_SECRET, body),
                "X-Impact-Delivery-Id", "dlv-" + UUID.randomUUID())));
        assertThat(webhooks.event(id).get("payload")).isEqualTo(mapper.readTree(body));

        String form = "event=something.new&n=" + UUID.randomUUID();
        refused(webhooks.post("t-impact", form, Map.of("Content-Type", "application/x-www-form-urlencoded",
                "X-Impact-Signature", TestSigner.hex(IMPACT_SECRET, form))), 400, "invalid_json");
    }

    @Test
    void whileTheSecretIsRotatedBothConfiguredSecretsAreAccepted() throws Exception {
        for (String secret : List.of(OLD_IMPACT_SECRET, IMPACT_SECRET)) {
            String body = rejected("app-" + UUID.randomUUID());
            String id = accepted(webhooks.postImpact("t-impact", body, secret, "dlv-" + UUID.randomUUID()),
                    "X-Impact-Signature", TestSigner.hex(secret, body));
            assertThat(webhooks.event(id).get("source").asText()).isEqualTo("t-impact");
        }
    }

    @Test
    void aSourceConfiguredForBase64AcceptsBase64SignaturesAndRefusesHex() throws Exception {
        String body = rejected("app-" + UUID.randomUUID());
        String base64 = TestSigner.base64(IMPACT_SECRET, body);
        accepted(webhooks.post("t-impact-b64", body,
                Map.of("X-Impact-Signature", base64, "X-Impact-Delivery-Id", "dlv-" + UUID.randomUUID())),
                "X-Impact-Signature", base64);

        String hex = TestSigner.hex(IMPACT_SECRET, body);
        refused(webhooks.post("t-impact-b64", body, Map.of("X-Impact-Signature", hex)),
                401, "invalid_signature", "X-Impact-Signature", hex);
    }

    @Test
    void aSourceWithItsOwnSignatureHeaderAndPrefixAcceptsSignaturesThere() throws Exception {
        String body = "{\"event\":\"creator.custom\",\"data\":{\"n\":\"" + UUID.randomUUID() + "\"}}";
        String signature = "v1=" + TestSigner.hex(CREATOR_SECRET, body);
        String delivery = "wh-" + UUID.randomUUID();
        String id = accepted(webhooks.post("t-creator", body,
                Map.of("X-Creator-Signature", signature, "X-Webhook-Id", delivery)), "X-Creator-Signature", signature);
        JsonNode event = webhooks.event(id);
        assertThat(event.get("type").asText()).isEqualTo("creator.custom");
        assertThat(event.get("deliveryId").asText()).isEqualTo(delivery);
        assertThat(event.get("headers").has("x-creator-signature")).isFalse();

        // The provider's default header is not where this source looks.
        refused(webhooks.post("t-creator", body, Map.of("X-Webhook-Signature", signature)),
                401, "missing_signature", "X-Webhook-Signature", signature);
        // Another secret behind the right prefix is still wrong.
        String wrong = "v1=" + TestSigner.hex("another-creator-secret", body);
        refused(webhooks.post("t-creator", body, Map.of("X-Creator-Signature", wrong)),
                401, "invalid_signature", "X-Creator-Signature", wrong);
    }

    // --- de-duplication per provider -------------------------------------------------------------

    @Test
    void webconnexDeDuplicatesOnItsDeliveryHeaderNotOnTheBody() throws Exception {
        String body = "{\"eventType\":\"hookline_test_event\",\"accountId\":4821,\"data\":{\"n\":\""
                + UUID.randomUUID() + "\"}}";
        String deliveryA = "wcx-" + UUID.randomUUID();
        String deliveryB = "wcx-" + UUID.randomUUID();

        String a = accepted(postWebconnex(body, deliveryA, "hookline_test_event"));
        String b = accepted(postWebconnex(body, deliveryB, "hookline_test_event"));
        assertThat(b).isNotEqualTo(a);
        assertDuplicateOf(postWebconnex(body, deliveryA, "hookline_test_event"), a);
        assertDuplicateOf(postWebconnex(body, deliveryB, "hookline_test_event"), b);
        assertThat(webhooks.event(a).get("deliveryId").asText()).isEqualTo(deliveryA);
        assertThat(webhooks.event(b).get("deliveryId").asText()).isEqualTo(deliveryB);
    }

    @Test
    void webconnexTakesTheEventTypeFromItsEventHeader() throws Exception {
        String body = "{\"eventType\":\"not_this_one\",\"accountId\":4821,\"data\":{\"n\":\"" + UUID.randomUUID() + "\"}}";
        String id = accepted(postWebconnex(body, "wcx-" + UUID.randomUUID(), "from_the_header"));
        assertThat(webhooks.event(id).get("type").asText()).isEqualTo("from_the_header");
    }

    @Test
    void stripeDeDuplicatesOnTheEventIdInTheBody() throws Exception {
        String eventId = "evt_" + UUID.randomUUID().toString().replace("-", "");
        String body = stripeEvent(eventId, "checkout.session.fancy_new");
        long now = Instant.now().getEpochSecond();
        String first = accepted(webhooks.post("t-stripe", body,
                Map.of("Stripe-Signature", TestSigner.stripe(STRIPE_SECRET, body, now))));
        // Stripe retries with a new signature (new t): still the same delivery.
        String header = TestSigner.stripe(STRIPE_SECRET, body, now - 1);
        HttpResponse<String> retry = webhooks.post("t-stripe", body, Map.of("Stripe-Signature", header));
        assertDuplicateOf(retry, first);
        assertNotEchoed(retry, "Stripe-Signature", header);
        JsonNode event = webhooks.event(first);
        assertThat(event.get("deliveryId").asText()).isEqualTo(eventId);
        assertThat(event.get("type").asText()).isEqualTo("checkout.session.fancy_new");
        assertThat(event.get("headers").has("stripe-signature")).isFalse();
    }

    @Test
    void standardWebhooksDeDuplicatesOnWebhookId() throws Exception {
        String messageId = "msg_" + UUID.randomUUID();
        String body = "{\"type\":\"invoice.paid\",\"data\":{\"n\":\"" + UUID.randomUUID() + "\"}}";
        long now = Instant.now().getEpochSecond();
        String first = accepted(webhooks.post("t-standard", body,
                standardHeaders(messageId, now, TestSigner.standardWebhooks(STANDARD_SECRET, messageId, now, body))));
        String signature = TestSigner.standardWebhooks(STANDARD_SECRET, messageId, now + 1, body);
        HttpResponse<String> again = webhooks.post("t-standard", body, standardHeaders(messageId, now + 1, signature));
        assertDuplicateOf(again, first);
        assertNotEchoed(again, "webhook-signature", signature);

        // The same body under another webhook-id is another message.
        String otherId = "msg_" + UUID.randomUUID();
        String other = accepted(webhooks.post("t-standard", body,
                standardHeaders(otherId, now, TestSigner.standardWebhooks(STANDARD_SECRET, otherId, now, body))));
        assertThat(other).isNotEqualTo(first);
        JsonNode event = webhooks.event(first);
        assertThat(event.get("deliveryId").asText()).isEqualTo(messageId);
        assertThat(event.get("type").asText()).isEqualTo("invoice.paid");
    }

    @Test
    void standardWebhooksSentWithSvixHeadersAreAcceptedAndDeDuplicatedOnSvixId() throws Exception {
        String messageId = "msg_" + UUID.randomUUID();
        String body = "{\"type\":\"invoice.paid\",\"data\":{\"n\":\"" + UUID.randomUUID() + "\"}}";
        long now = Instant.now().getEpochSecond();
        String signature = TestSigner.standardWebhooks(STANDARD_SECRET, messageId, now, body);
        String first = accepted(webhooks.post("t-standard", body, svixHeaders(messageId, now, signature)),
                "svix-signature", signature);
        JsonNode event = webhooks.event(first);
        assertThat(event.get("deliveryId").asText()).isEqualTo(messageId);
        assertThat(event.get("type").asText()).isEqualTo("invoice.paid");
        // Stored like webhook-signature: never.
        assertThat(event.get("headers").has("svix-signature")).isFalse();
        assertThat(event.get("headers").get("svix-id").asText()).isEqualTo(messageId);

        // Svix retries with a new timestamp, so a new signature: the same svix-id is the same delivery.
        String retry = TestSigner.standardWebhooks(STANDARD_SECRET, messageId, now + 1, body);
        HttpResponse<String> again = webhooks.post("t-standard", body, svixHeaders(messageId, now + 1, retry));
        assertDuplicateOf(again, first);
        assertNotEchoed(again, "svix-signature", retry);
        // The id decides, not the body.
        String otherBody = "{\"type\":\"invoice.paid\",\"data\":{\"n\":\"" + UUID.randomUUID() + "\"}}";
        assertDuplicateOf(webhooks.post("t-standard", otherBody, svixHeaders(messageId, now,
                TestSigner.standardWebhooks(STANDARD_SECRET, messageId, now, otherBody))), first);
    }

    @Test
    void theSameDeliveryIdForAnotherSourceIsAnotherEvent() throws Exception {
        String delivery = "dlv-" + UUID.randomUUID();
        String body = rejected("app-" + UUID.randomUUID());
        String plain = accepted(webhooks.postImpact("t-impact", body, IMPACT_SECRET, delivery));
        String b64 = accepted(webhooks.post("t-impact-b64", body, Map.of(
                "X-Impact-Signature", TestSigner.base64(IMPACT_SECRET, body), "X-Impact-Delivery-Id", delivery)));
        assertThat(b64).isNotEqualTo(plain);
        assertDuplicateOf(webhooks.postImpact("t-impact", body, IMPACT_SECRET, delivery), plain);
    }

    @Test
    void aDeliveryIdLongerThanTheStoreKeepsIsStillDeDuplicated() throws Exception {
        String delivery = "dlv-" + UUID.randomUUID() + "-" + "d".repeat(400);
        String first = accepted(webhooks.postImpact("t-impact", rejected("app-" + UUID.randomUUID()), IMPACT_SECRET,
                delivery));
        // Another body under the same (long) delivery id is the same delivery.
        assertDuplicateOf(webhooks.postImpact("t-impact", rejected("app-" + UUID.randomUUID()), IMPACT_SECRET,
                delivery), first);
        assertThat(webhooks.event(first).get("deliveryId").asText()).startsWith("sha256:");
    }

    @Test
    void aBodyWithoutAnyDeliveryIdIsDeDuplicatedByItsHash() throws Exception {
        String body = rejected("app-" + UUID.randomUUID());
        String first = accepted(webhooks.postImpact("t-impact", body, IMPACT_SECRET, null));
        assertDuplicateOf(webhooks.postImpact("t-impact", body, IMPACT_SECRET, null), first);
        // Signed with the other (rotated) secret, the identical bytes are still the same delivery.
        assertDuplicateOf(webhooks.postImpact("t-impact", body, OLD_IMPACT_SECRET, null), first);
        assertThat(webhooks.event(first).get("deliveryId").asText()).startsWith("sha256:");

        // One byte more (a trailing newline) is another body, so another event.
        String other = accepted(webhooks.postImpact("t-impact", body + "\n", IMPACT_SECRET, null));
        assertThat(other).isNotEqualTo(first);
    }

    // --- helpers -------------------------------------------------------------------------------

    /** An Impact program_application.rejected that meets its schema; {@code applicationId} makes it unique. */
    static String rejected(String applicationId) {
        return """
                {"event":"program_application.rejected","name":"Application Rejected","version":"1.0",\
                "timestamp":"2025-04-28T22:11:00Z","data":{"offeringApplicationId":"%s",\
                "rejectionSource":"sponsor","reason":"Funding limits reached"}}""".formatted(applicationId);
    }

    static String gleamEntry() {
        return """
                {"campaign":{"name":"My Campaign","key":"a1XyD","type":"Competition"},\
                "user":{"name":"Joe Bloggs","email":"joe+%s@example.com"},\
                "entry":{"id":244523423,"action":"Subscribe to our newsletter"}}""".formatted(UUID.randomUUID());
    }

    static String stripeEvent(String id, String type) {
        return """
                {"id":"%s","object":"event","api_version":"2024-06-20","created":1745879400,\
                "type":"%s","data":{"object":{"id":"cs_test_1","object":"checkout.session"}}}""".formatted(id, type);
    }

    static Map<String, String> standardHeaders(String id, long timestamp, String signature) {
        return Map.of("webhook-id", id, "webhook-timestamp", String.valueOf(timestamp), "webhook-signature", signature);
    }

    /** The same three headers under the names Svix sends. */
    static Map<String, String> svixHeaders(String id, long timestamp, String signature) {
        return Map.of("svix-id", id, "svix-timestamp", String.valueOf(timestamp), "svix-signature", signature);
    }

    HttpResponse<String> postWebconnex(String body, String delivery, String type) {
        return webhooks.post("t-webconnex", body, Map.of(
                "X-Webconnex-Signature", TestSigner.hex(WEBCONNEX_SECRET, body),
                "X-Webconnex-Delivery", delivery,
                "X-Webconnex-Event", type));
    }

    /** A JSON object of exactly {@code size} bytes (ASCII). */
    static byte[] jsonOfSize(int size) {
        String head = "{\"event\":\"something.new\",\"marker\":\"" + UUID.randomUUID() + "\",\"pad\":\"";
        String tail = "\"}";
        byte[] out = new byte[size];
        Arrays.fill(out, (byte) 'x');
        System.arraycopy(head.getBytes(UTF_8), 0, out, 0, head.length());
        System.arraycopy(tail.getBytes(UTF_8), 0, out, size - tail.length(), tail.length());
        return out;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    /** HMAC-SHA256 over raw bytes (TestSigner signs text only; some bodies here are not valid UTF-8). */
    static String hmacHex(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    /**
     * A POST over a plain socket bound to {@code localAddress} (the JDK client cannot choose its
     * local address); the whole answer as text, status line first.
     */
    String rawPost(String localAddress, String path, String body, Map<String, String> headers) throws Exception {
        byte[] bytes = body.getBytes(UTF_8);
        StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(ingestPort).append("\r\n")
                .append("Content-Type: application/json\r\n")
                .append("Content-Length: ").append(bytes.length).append("\r\n")
                .append("Connection: close\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("\r\n");
        try (Socket socket = new Socket()) {
            try {
                socket.bind(new InetSocketAddress(localAddress, 0));
            } catch (java.io.IOException e) {
                Assumptions.abort("cannot bind to " + localAddress + ": " + e);
            }
            socket.connect(new InetSocketAddress("127.0.0.1", ingestPort), 5_000);
            socket.setSoTimeout(30_000);
            var out = socket.getOutputStream();
            out.write(head.toString().getBytes(UTF_8));
            out.write(bytes);
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), UTF_8);
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + ingestPort + path);
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** 202 {"id", "status": "quarantined", "errors": [...]}. */
    JsonNode quarantined(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).as("status of %s", answer.body()).isEqualTo(202);
        JsonNode json = mapper.readTree(answer.body());
        assertThat(json.get("status").asText()).isEqualTo("quarantined");
        assertThat(json.get("id").asText()).isNotBlank();
        assertThat(json.get("errors").isArray()).isTrue();
        assertThat(json.get("errors")).isNotEmpty();
        return json;
    }

    /** 202 {"id", "status": "accepted"} and nothing else; the id of the new event. */
    String accepted(HttpResponse<String> answer, String... echoCandidates) throws Exception {
        assertThat(answer.statusCode()).as("status of %s", answer.body()).isEqualTo(202);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        JsonNode json = mapper.readTree(answer.body());
        assertThat(json.get("status").asText()).isEqualTo("accepted");
        assertThat(json.get("id").asText()).isNotBlank();
        assertThat(fieldNames(json)).containsExactlyInAnyOrder("id", "status");
        assertNotEchoed(answer, echoCandidates);
        return json.get("id").asText();
    }

    void assertDuplicateOf(HttpResponse<String> answer, String firstId) throws Exception {
        assertThat(answer.statusCode()).as("status of %s", answer.body()).isEqualTo(200);
        JsonNode json = mapper.readTree(answer.body());
        assertThat(json).isEqualTo(mapper.createObjectNode().put("id", firstId).put("duplicate", true));
    }

    /**
     * The refusal's status and {"error", "detail"}; no secret, no stack trace, and the named
     * request headers (name, value pairs) not echoed back.
     */
    JsonNode refused(HttpResponse<String> answer, int status, String error, String... echoCandidates)
            throws Exception {
        assertThat(answer.statusCode()).as("status of %s", answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        JsonNode json = mapper.readTree(answer.body());
        assertThat(json.get("error").asText()).isEqualTo(error);
        assertThat(json.get("detail").asText()).isNotBlank();
        assertThat(fieldNames(json)).containsExactlyInAnyOrder("error", "detail");
        assertThat(answer.body()).doesNotContain(SECRETS).doesNotContain("Exception", "\tat ", ".java:");
        assertNotEchoed(answer, echoCandidates);
        return json;
    }

    /** Pairs of (header name, value) from the request: neither shows up in the response headers. */
    static void assertNotEchoed(HttpResponse<String> answer, String... pairs) {
        Map<String, List<String>> headers = answer.headers().map();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            String name = pairs[i];
            String value = pairs[i + 1];
            assertThat(headers.keySet()).noneMatch(k -> k.equalsIgnoreCase(name));
            assertThat(headers.values()).allSatisfy(vs -> assertThat(vs).noneMatch(v -> v.contains(value)));
            assertThat(answer.body()).doesNotContain(value);
        }
        for (String secret : SECRETS) {
            assertThat(headers.values()).allSatisfy(vs -> assertThat(vs).noneMatch(v -> v.contains(secret)));
        }
    }

    static List<String> fieldNames(JsonNode json) {
        List<String> names = new java.util.ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }

}
