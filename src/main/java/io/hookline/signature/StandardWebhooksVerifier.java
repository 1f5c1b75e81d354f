package io.hookline.signature;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * The Standard Webhooks specification: HMAC-SHA256 of {@code id.timestamp.body}, keyed with the
 * base64 part of a {@code whsec_} secret; {@code webhook-signature} holds space-separated
 * {@code v1,<base64>} values; the timestamp must be within the tolerance either way. Senders that
 * deliver through Svix name the same headers {@code svix-id}, {@code svix-timestamp} and
 * {@code svix-signature}.
 */
public final class StandardWebhooksVerifier implements SignatureVerifier {

    /** The names of the three headers, as one family: they are read together, never mixed. */
    record Headers(String id, String timestamp, String signature) {}

    static final Headers STANDARD = new Headers("webhook-id", "webhook-timestamp", "webhook-signature");
    static final Headers SVIX = new Headers("svix-id", "svix-timestamp", "svix-signature");
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

    /** The webhook-signature value ({@code v1,<base64>}) a sender holding this secret would send. */
    public static String sign(String secret, String id, long unixSeconds, byte[] body) {
        byte[] mac = HmacSha256.sign(key(secret), (id + "." + unixSeconds + ".").getBytes(java.nio.charset.StandardCharsets.UTF_8), body);
        return "v1," + Base64.getEncoder().encodeToString(mac);
    }

    private static byte[] key(String secret) {
        String s = secret.trim();
        if (s.startsWith(PREFIX)) s = s.substring(PREFIX.length());
        byte[] key = Base64.getDecoder().decode(s);
        if (key.length == 0) throw new IllegalArgumentException("empty key");
        return key;
    }

    /**
     * The family a request uses: svix-* when all three are there, else webhook-*, as Svix's own
     * libraries decide. Both carry the same signed content.
     */
    static Headers headersOf(Function<String, String> headers) {
        boolean svix = !isBlank(headers.apply(SVIX.id())) && !isBlank(headers.apply(SVIX.timestamp()))
                && !isBlank(headers.apply(SVIX.signature()));
        return svix ? SVIX : STANDARD;
    }

    /**
     * The message id that the signature covers (svix-id or webhook-id, see {@link #headersOf}),
     * or null: de-duplicating on it keeps the delivery id the one that was verified.
     */
    public static String messageId(Function<String, String> headers) {
        return headers.apply(headersOf(headers).id());
    }

    @Override
    public void verify(SignedRequest request) throws SignatureException {
        Headers names = headersOf(request::header);
        String id = request.header(names.id());
        String timestamp = request.header(names.timestamp());
        String signature = request.header(names.signature());
        if (isBlank(id) || isBlank(timestamp) || isBlank(signature)) {
            throw new SignatureException(SignatureException.Reason.MISSING_SIGNATURE,
                    "the webhook-id, webhook-timestamp and webhook-signature headers (or svix-id, svix-timestamp"
                            + " and svix-signature) are all required");
        }
        Timestamps.requireFresh(timestamp.trim(), tolerance, clock, names.timestamp());
        List<byte[]> candidates = new ArrayList<>();
        for (String part : signature.trim().split("\\s+")) {
            int comma = part.indexOf(',');
            if (comma > 0 && part.substring(0, comma).equals("v1")) {
                try {
                    candidates.add(SignatureEncoding.BASE64.decode(part.substring(comma + 1)));
                } catch (IllegalArgumentException ignored) {
                    // not canonical base64: cannot match
                }
            }
        }
        byte[] signedPrefix = (id.trim() + "." + timestamp.trim() + ".").getBytes(UTF_8);
        if (candidates.isEmpty() || !HmacSha256.matchesAny(keys, candidates, signedPrefix, request.body())) {
            throw new SignatureException(SignatureException.Reason.INVALID_SIGNATURE,
                    "no v1 signature in " + names.signature() + " matches the signed content");
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
