package io.hookline.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookline.support.HttpTestSupport;
import io.hookline.support.TestSigner;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every sample of the event catalogue, signed the way its provider signs and posted to the test
 * source of that provider, is accepted (not quarantined), stored under its own event type and
 * processed: the samples, the schemas and the inbound route agree with each other.
 *
 * <p>Each post carries a unique delivery id, so that it is a new delivery whatever else the shared
 * database holds (other test classes, earlier runs against PostgreSQL). Where the provider has a
 * delivery header, the sample's bytes are posted unchanged. Gleam and PartnerStack send no delivery
 * id at all (their events are de-duplicated by the hash of the body), so for them a top-level
 * {@code delivery_id} is put in front of the sample's fields (the schemas allow extra fields); a
 * Stripe sample gets a fresh event {@code id}, which is Stripe's delivery id.
 */
class CatalogueSamplesTest extends HttpTestSupport {

    static final String PATTERN = "classpath*:catalogue/*/*.sample.json";
    static final int CATALOGUE_SIZE = 43;

    record Sample(String provider, String type, String text) {
        @Override
        public String toString() {
            return provider + "/" + type;
        }
    }

    static List<Sample> samples() throws IOException {
        Map<String, Sample> byKey = new TreeMap<>();
        for (Resource r : new PathMatchingResourcePatternResolver().getResources(PATTERN)) {
            String[] parts = r.getURL().toString().split("/");
            String provider = parts[parts.length - 2];
            String file = parts[parts.length - 1];
            String type = file.substring(0, file.length() - ".sample.json".length());
            byKey.putIfAbsent(provider + "/" + type,
                    new Sample(provider, type, r.getContentAsString(StandardCharsets.UTF_8)));
        }
        return new ArrayList<>(byKey.values());
    }

    @Test
    void theCatalogueHasAtLeast43EventsEachWithASample() throws Exception {
        List<Sample> samples = samples();
        assertThat(samples).hasSizeGreaterThanOrEqualTo(CATALOGUE_SIZE);

        HttpResponse<String> answer = webhooks.admin("GET", "/api/catalogue");
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode events = mapper.readTree(answer.body()).get("events");
        assertThat(events.size()).isGreaterThanOrEqualTo(CATALOGUE_SIZE);
        List<String> listed = new ArrayList<>();
        events.forEach(e -> listed.add(e.get("provider").asText() + "/" + e.get("event").asText()));
        assertThat(listed).containsAll(samples.stream().map(Sample::toString).toList());
        assertThat(samples.stream().map(Sample::provider).distinct())
                .containsExactlyInAnyOrder("creator", "gleam", "impact", "partnerstack", "stripe", "webconnex");
    }

    @TestFactory
    Stream<DynamicTest> everyCatalogueSampleSignedAsItsProviderSignsIsAcceptedAndProcessed() throws IOException {
        List<Sample> samples = samples();
        assertThat(samples).hasSizeGreaterThanOrEqualTo(CATALOGUE_SIZE);
        return samples.stream().map(s -> DynamicTest.dynamicTest(s.toString(), () -> postAndCheck(s)));
    }

    private void postAndCheck(Sample sample) throws Exception {
        String delivery = sample.provider() + "-" + UUID.randomUUID();
        String body = sample.text();
        Map<String, String> headers = new LinkedHashMap<>();
        String source;
        String signatureHeader = null;
        switch (sample.provider()) {
            case "impact" -> {
                source = "t-impact";
                signatureHeader = "X-Impact-Signature";
                headers.put(signatureHeader, TestSigner.hex("test-impact-secret", body));
                headers.put("X-Impact-Delivery-Id", delivery);
            }
            case "webconnex" -> {
                source = "t-webconnex";
                signatureHeader = "X-Webconnex-Signature";
                headers.put(signatureHeader, TestSigner.hex("test-webconnex-secret", body));
                headers.put("X-Webconnex-Delivery", delivery);
                headers.put("X-Webconnex-Event", sample.type());
            }
            case "partnerstack" -> {
                source = "t-partnerstack";
                body = withDeliveryId(body, delivery);
                signatureHeader = "X-PartnerStack-Signature";
                headers.put(signatureHeader, TestSigner.hex("test-partnerstack-secret", body));
            }
            case "creator" -> {
                source = "t-creator";
                signatureHeader = "X-Creator-Signature";
                headers.put(signatureHeader, "v1=" + TestSigner.hex("test-creator-secret", body));
                headers.put("X-Webhook-Id", delivery);
            }
            case "gleam" -> {
                source = "t-gleam";
                body = withDeliveryId(body, delivery);
                headers.put("X-Forwarded-For", "173.255.204.234");
            }
            case "stripe" -> {
                source = "t-stripe";
                delivery = "evt_" + UUID.randomUUID().toString().replace("-", "");
                String fresh = body.replaceFirst("\"id\"\\s*:\\s*\"evt_[^\"]*\"", "\"id\": \"" + delivery + "\"");
                assertThat(fresh).as("the Stripe sample has an evt_ id").isNotEqualTo(body);
                body = fresh;
                signatureHeader = "Stripe-Signature";
                headers.put(signatureHeader,
                        TestSigner.stripe("whsec_test_stripe_secret", body, Instant.now().getEpochSecond()));
            }
            default -> {
                fail("no test source for catalogue provider " + sample.provider());
                return;
            }
        }

        HttpResponse<String> answer = webhooks.post(source, body, headers);

        assertThat(answer.statusCode()).as("%s answered %s", sample, answer.body()).isEqualTo(202);
        JsonNode json = mapper.readTree(answer.body());
        assertThat(json.get("status").asText()).as("%s answered %s", sample, answer.body()).isEqualTo("accepted");
        assertThat(json.has("errors")).isFalse();
        if (signatureHeader != null) {
            String name = signatureHeader;
            assertThat(answer.headers().map().keySet()).noneMatch(k -> k.equalsIgnoreCase(name));
        }
        String id = json.get("id").asText();

        JsonNode event = event(id);
        assertThat(event.get("source").asText()).isEqualTo(source);
        assertThat(event.get("provider").asText()).isEqualTo(sample.provider());
        assertThat(event.get("type").asText()).isEqualTo(sample.type());
        assertThat(event.get("deliveryId").asText()).isEqualTo(delivery);
        assertThat(event.get("payload")).isEqualTo(mapper.readTree(body));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertThat(event(id).get("status").asText()).as(sample.toString()).isEqualTo("processed"));
    }

    /** The sample with a top-level "delivery_id" first; the rest of its bytes unchanged. */
    static String withDeliveryId(String sample, String delivery) {
        int brace = sample.indexOf('{');
        assertThat(sample.substring(0, brace).isBlank()).as("the sample is a JSON object").isTrue();
        return sample.substring(0, brace + 1) + "\n  \"delivery_id\": \"" + delivery + "\","
                + sample.substring(brace + 1);
    }

    JsonNode event(String id) throws Exception {
        HttpResponse<String> answer = webhooks.admin("GET", "/api/events/" + id);
        assertThat(answer.statusCode()).as("GET /api/events/%s: %s", id, answer.body()).isEqualTo(200);
        return mapper.readTree(answer.body());
    }
}
