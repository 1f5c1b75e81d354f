package io.hookline.outbound;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** New signing secrets: 32 random bytes, in the form each signature scheme expects. */
public final class WebhookSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSecrets() {
    }

    public static String generate(String signature) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return DeliverySigner.STANDARD_WEBHOOKS.equals(signature)
                ? "whsec_" + Base64.getEncoder().encodeToString(bytes)
                : "hls_" + HexFormat.of().formatHex(bytes);
    }
}
