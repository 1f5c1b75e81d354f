package io.hookline.support;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs test requests the way each sender does, written independently of Hookline's own
 * signature code (plain javax.crypto), so a bug there cannot hide behind the same bug here.
 */
public final class TestSigner {
    private TestSigner() {}

    public static byte[] hmac(byte[] key, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content.getBytes(UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hex(String secret, String body) {
        return HexFormat.of().formatHex(hmac(secret.getBytes(UTF_8), body));
    }

    public static String base64(String secret, String body) {
        return Base64.getEncoder().encodeToString(hmac(secret.getBytes(UTF_8), body));
    }

    /** Stripe-Signature for the body at the given Unix time. */
    public static String stripe(String whsec, String body, long unixSeconds) {
        return "t=" + unixSeconds + ",v1=" + hex(whsec, unixSeconds + "." + body);
    }

    /** webhook-signature (v1) for Standard Webhooks. */
    public static String standardWebhooks(String whsec, String id, long unixSeconds, String body) {
        byte[] key = Base64.getDecoder().decode(whsec.substring("whsec_".length()));
        return "v1," + Base64.getEncoder().encodeToString(hmac(key, id + "." + unixSeconds + "." + body));
    }
}
