package io.hookline.provider;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookline.signature.SignatureException;
import io.hookline.signature.SignedRequest;
import io.hookline.support.TestSigner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Each provider profile: registered, signs as its verifier expects, and finds its type and delivery id. */
class ProviderProfilesTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String BODY = "{\"event\":\"payment.received\",\"type\":\"checkout.session.completed\",\"id\":\"evt_1\"}";

    private static String secretFor(Provider p) {
        return p instanceof StandardWebhooksProvider ? "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" : "whsec_a-long-enough-secret";
    }

    private static SourceSettings settings(String secret) {
        return new SourceSettings(List.of(secret), null, null, null, null, List.of("127.0.0.1"), Duration.ofMinutes(5));
    }

    private static SignedRequest request(Map<String, String> headers, String body) {
        Map<String, String> ci = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        ci.putAll(headers);
        return new SignedRequest(ci::get, body.getBytes(UTF_8), "127.0.0.1");
    }

    @Test
    void theSevenProvidersAreRegisteredInTheirDocumentedOrder() {
        assertThat(Providers.names()).isEqualTo("impact, webconnex, partnerstack, creator, gleam, standard-webhooks, stripe");
        assertThat(Providers.find("Standard_Webhooks")).isInstanceOf(StandardWebhooksProvider.class);
        assertThat(Providers.find("impakt")).isNull();
        assertThatThrownBy(() -> Providers.byId("impakt")).hasMessage(
                "'impakt' is not a provider; use one of impact, webconnex, partnerstack, creator, gleam, standard-webhooks, stripe");
    }

    @Test
    void whatEachProviderSignsItsOwnVerifierAcceptsAndAnotherSecretDoesNot() throws Exception {
        for (Provider p : Providers.all()) {
            String secret = secretFor(p);
            Map<String, String> headers = p.sign(BODY.getBytes(UTF_8), secret, "delivery-1", NOW, settings(secret));
            p.verifier(settings(secret), CLOCK).verify(request(headers, BODY));
            if (p.signed()) {
                String other = p instanceof StandardWebhooksProvider ? "whsec_" + "QUJDREVGR0hJSktMTU5PUFFSU1RVVldY" : "another-long-secret-value";
                assertThatThrownBy(() -> p.verifier(settings(other), CLOCK).verify(request(headers, BODY)))
                        .as(p.id()).isInstanceOf(SignatureException.class);
                assertThatThrownBy(() -> p.verifier(settings(secret), CLOCK).verify(request(headers, BODY + " ")))
                        .as(p.id() + ": a changed body").isInstanceOf(SignatureException.class);
            }
        }
    }

    @Test
    void theSignaturesAgreeWithIndependentlyComputedOnes() {
        String secret = "test-impact-secret";
        assertThat(new ImpactProvider().sign(BODY.getBytes(UTF_8), secret, "d1", NOW, settings(secret)))
                .containsEntry("X-Impact-Signature", TestSigner.hex(secret, BODY)).containsEntry("X-Impact-Delivery-Id", "d1");
        assertThat(new StripeProvider().sign(BODY.getBytes(UTF_8), "whsec_test_stripe_secret", "d1", NOW, settings(secret)))
                .containsEntry("Stripe-Signature", TestSigner.stripe("whsec_test_stripe_secret", BODY, NOW.getEpochSecond()));
        String whsec = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        assertThat(new StandardWebhooksProvider().sign(BODY.getBytes(UTF_8), whsec, "msg_1", NOW, settings(whsec)))
                .containsEntry("webhook-signature", TestSigner.standardWebhooks(whsec, "msg_1", NOW.getEpochSecond(), BODY));
    }

    @Test
    void typesAndDeliveryIdsAreWhereEachProviderPutsThem() throws Exception {
        var json = new ObjectMapper().readTree(BODY);
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.put("X-Webconnex-Event", "registration");
        h.put("X-Impact-Delivery-Id", "imp-1");
        assertThat(new ImpactProvider().type(json, h::get)).isEqualTo("payment.received");
        assertThat(new ImpactProvider().deliveryId(json, h::get, "X-Impact-Delivery-Id")).isEqualTo("imp-1");
        assertThat(new WebconnexProvider().type(json, h::get)).isEqualTo("registration");
        assertThat(new StripeProvider().type(json, h::get)).isEqualTo("checkout.session.completed");
        assertThat(new StripeProvider().deliveryId(json, h::get, null)).isEqualTo("evt_1");
        assertThat(new GleamProvider().type(json, h::get)).isEqualTo("entry.created");
        assertThat(new PartnerStackProvider().deliveryId(json, h::get, null)).isNull();
    }

    @Test
    void checksNameTheKeyAndNeverTheSecret() {
        List<String> problems = new ArrayList<>();
        new ImpactProvider().check("hookline.sources[x]", settings("short-one"), problems);
        new StandardWebhooksProvider().check("hookline.sources[sw]", settings("not base64 at all!"), problems);
        new ImpactProvider().check("hookline.sources[y]", new SourceSettings(List.of(), null, null, null, null, List.of(), null), problems);
        assertThat(problems).containsExactly(
                "hookline.sources[x].secrets[0] is shorter than 16 characters: too easy to guess; use the secret the provider generated",
                "hookline.sources[sw].secrets[0] is not a Standard Webhooks secret: expected whsec_ followed by base64",
                "hookline.sources[y].secrets needs at least one non-empty signing secret for provider impact");
    }
}
