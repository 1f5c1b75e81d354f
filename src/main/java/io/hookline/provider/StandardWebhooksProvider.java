package io.hookline.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookline.signature.SignatureVerifier;
import io.hookline.signature.StandardWebhooksVerifier;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The Standard Webhooks specification (webhook-id, webhook-timestamp, webhook-signature; Svix's
 * svix-* names too): {@code v1,} base64 HMAC of {@code id.timestamp.body}, {@code whsec_} secrets.
 */
public final class StandardWebhooksProvider extends Provider {

    @Override public String id() { return "standard-webhooks"; }
    @Override public String defaultSignatureHeader() { return "webhook-signature"; }
    @Override public String defaultDeliveryIdHeader() { return "webhook-id"; }
    @Override public List<String> secretHeaders() { return List.of("webhook-signature", "svix-signature"); }

    @Override
    public SignatureVerifier verifier(SourceSettings s, Clock clock) {
        return new StandardWebhooksVerifier(s.secrets(), s.tolerance(), clock);
    }

    @Override
    public String scheme(SourceSettings s) {
        return "Standard Webhooks: webhook-signature header v1,…, base64 HMAC-SHA256 of id.timestamp.body with the whsec_ secret"
                + " (webhook-id, webhook-timestamp; svix-* names too); timestamps at most " + words(s.tolerance()) + " off";
    }

    @Override
    public Map<String, String> sign(byte[] body, String secret, String deliveryId, Instant now, SourceSettings s) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", deliveryId);
        headers.put("webhook-timestamp", Long.toString(now.getEpochSecond()));
        headers.put("webhook-signature", StandardWebhooksVerifier.sign(secret, deliveryId, now.getEpochSecond(), body));
        return headers;
    }



    /** The id that was verified: svix-id when the sender used Svix's header names. */
    @Override
    public String deliveryId(JsonNode body, Function<String, String> headers, String header) {
        return defaultDeliveryIdHeader().equalsIgnoreCase(header) ? StandardWebhooksVerifier.messageId(headers)
                : super.deliveryId(body, headers, header);
    }

    @Override
    public void check(String key, SourceSettings s, List<String> problems) {
        super.check(key, s, problems);
        for (int i = 0; i < s.secrets().size(); i++) {
            String problem = StandardWebhooksVerifier.secretProblem(s.secrets().get(i));
            if (problem != null && s.secrets().get(i) != null && !s.secrets().get(i).isBlank()) {
                problems.add(key + ".secrets[" + i + "] " + problem);
            }
        }
    }
}
