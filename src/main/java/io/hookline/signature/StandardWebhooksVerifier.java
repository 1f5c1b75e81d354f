package io.hookline.signature;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The Standard Webhooks specification: HMAC-SHA256 of {@code id.timestamp.body}, keyed with the
 * base64 part of a {@code whsec_} secret; {@code webhook-signature} holds space-separated
 * {@code v1,<base64>} values; the timestamp must be within the tolerance either way.
 */
public final class StandardWebhooksVerifier implements SignatureVerifier {

    static final String ID = "webhook-id";
    static final String TIMESTAMP = "webhook-timestamp";
    static final String SIGNATURE = "webhook-signature";
    private static final String PREFIX = "whsec_";

    private final List<byte[]> keys;
    private final Duration tolerance;
    private final Clock clock;

    public StandardWebhooksVerifier(List<String> secrets, Duration tolerance, Clock clock) {
        this.keys = secrets.stream().map(StandardWebhooksVerifier::key).toList();
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /** Why a configured secret is unusable, or null when it is fine. Never echoes the secret. */
    public static String secretProblem(String secret) {
        if (secret == null || secret.isBlank()) return "must not be empty";
        try {
            key(secret);
            return null;
        } catch (IllegalArgumentException e) {
            return "is not a Standard Webhooks secret: expected whsec_ followed by base64";
        }
    }

    private static byte[] key(String secret) {
        String s = secret.trim();
        if (s.startsWith(PREFIX)) s = s.substring(PREFIX.length());
        byte[] key = Base64.getDecoder().decode(s);
        if (key.length == 0) throw new IllegalArgumentException("empty key");
        return key;
    }

    @Override
    public void verify(SignedRequest request) throws SignatureException {
        String id = request.header(ID);
        String timestamp = request.header(TIMESTAMP);
        String signature = request.header(SIGNATURE);
        if (id == null || timestamp == null || signature == null
                || id.isBlank() || timestamp.isBlank() || signature.isBlank()) {
            throw new SignatureException(SignatureException.Reason.MISSING_SIGNATURE,
                    "the webhook-id, webhook-timestamp and webhook-signature headers are all required");
        }
        Timestamps.requireFresh(timestamp.trim(), tolerance, clock, "webhook-timestamp");
        List<byte[]> candidates = new ArrayList<>();
        for (String part : signature.trim().split("\\s+")) {
            int comma = part.indexOf(',');
            if (comma > 0 && part.substring(0, comma).equals("v1")) {
                try {
                    candidates.add(Base64.getDecoder().decode(part.substring(comma + 1)));
                } catch (IllegalArgumentException ignored) {
                    // not base64: cannot match
                }
            }
        }
        byte[] signedPrefix = (id.trim() + "." + timestamp.trim() + ".").getBytes(UTF_8);
        if (candidates.isEmpty() || !HmacSha256.matchesAny(keys, candidates, signedPrefix, request.body())) {
            throw new SignatureException(SignatureException.Reason.INVALID_SIGNATURE,
                    "no v1 signature in webhook-signature matches the signed content");
        }
    }
}
