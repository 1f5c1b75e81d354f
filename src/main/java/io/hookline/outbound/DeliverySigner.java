package io.hookline.outbound;

import io.hookline.signature.HmacSha256;
import io.hookline.signature.SignatureEncoding;
import io.hookline.store.Webhook;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The headers that prove a delivery came from us. {@code impact} (default): {@code X-Impact-Signature},
 * the hex HMAC-SHA256 of the exact body keyed with the secret, as Gloo Impact signs.
 * {@code standard-webhooks}: {@code webhook-id}, {@code webhook-timestamp} and
 * {@code webhook-signature: v1,<base64 HMAC of id.timestamp.body>} keyed with the base64 part of
 * the {@code whsec_} secret. During a secret rotation both secrets sign (comma- or
 * space-separated values, which receivers check one by one).
 */
public final class DeliverySigner {

    public static final String IMPACT = "impact";
    public static final String STANDARD_WEBHOOKS = "standard-webhooks";

    private DeliverySigner() {
    }

    /** Signature headers for this body, with every secret currently valid. */
    public static Map<String, String> headers(Webhook webhook, String deliveryId, byte[] body, Instant now) {
        List<String> secrets = new ArrayList<>();
        secrets.add(webhook.secret());
        if (webhook.previousSecret() != null && webhook.previousSecretUntil() != null && now.isBefore(webhook.previousSecretUntil())) {
            secrets.add(webhook.previousSecret());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (STANDARD_WEBHOOKS.equals(webhook.signature())) {
            String timestamp = Long.toString(now.getEpochSecond());
            List<String> signatures = new ArrayList<>();
            for (String secret : secrets) {
                byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
                byte[] mac = HmacSha256.sign(key, (deliveryId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
                signatures.add("v1," + Base64.getEncoder().encodeToString(mac));
            }
            headers.put("webhook-id", deliveryId);
            headers.put("webhook-timestamp", timestamp);
            headers.put("webhook-signature", String.join(" ", signatures));
        } else {
            List<String> signatures = new ArrayList<>();
            for (String secret : secrets) {
                signatures.add(SignatureEncoding.HEX.encode(HmacSha256.sign(secret.getBytes(StandardCharsets.UTF_8), body)));
            }
            headers.put("X-Impact-Signature", String.join(",", signatures));
        }
        return headers;
    }

    /** Whether a header carries a signature (masked in the delivery log). */
    public static boolean isSignature(String header) {
        return header.equalsIgnoreCase("X-Impact-Signature") || header.equalsIgnoreCase("webhook-signature");
    }
}
