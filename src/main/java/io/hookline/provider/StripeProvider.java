package io.hookline.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookline.signature.SignatureVerifier;
import io.hookline.signature.StripeVerifier;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Stripe: Stripe-Signature {@code t=…,v1=…}, HMAC of {@code t.body} keyed with the whole whsec_ secret; the event id in the body is the delivery id. */
public final class StripeProvider extends Provider {

    @Override public String id() { return "stripe"; }
    @Override public String defaultSignatureHeader() { return "Stripe-Signature"; }
    @Override public List<String> secretHeaders() { return List.of("Stripe-Signature"); }

    @Override
    public SignatureVerifier verifier(SourceSettings s, Clock clock) {
        return new StripeVerifier(s.secrets(), s.tolerance(), clock);
    }

    @Override
    public String scheme(SourceSettings s) {
        return "Stripe's scheme: Stripe-Signature header t=…,v1=…, hex HMAC-SHA256 of timestamp.body with the whsec_ secret;"
                + " timestamps at most " + words(s.tolerance()) + " off";
    }

    @Override
    public Map<String, String> sign(byte[] body, String secret, String deliveryId, Instant now, SourceSettings s) {
        return Map.of("Stripe-Signature", StripeVerifier.sign(secret, now.getEpochSecond(), body));
    }



    @Override
    public String deliveryId(JsonNode body, Function<String, String> headers, String header) {
        String fromHeader = super.deliveryId(body, headers, header);
        return fromHeader != null && !fromHeader.isBlank() ? fromHeader : text(body, "id");
    }
}
