package io.hookline.signature;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Stripe's scheme: {@code Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…]}, the HMAC-SHA256
 * of {@code t.body} keyed with the whole {@code whsec_…} secret as-is (Stripe does not decode it).
 */
public final class StripeVerifier implements SignatureVerifier {

    static final String HEADER = "Stripe-Signature";

    private final List<byte[]> keys;
    private final Duration tolerance;
    private final Clock clock;

    public StripeVerifier(List<String> secrets, Duration tolerance, Clock clock) {
        this.keys = secrets.stream().map(s -> s.trim().getBytes(UTF_8)).toList();
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /** The Stripe-Signature value a sender holding this secret would send at that time. */
    public static String sign(String secret, long unixSeconds, byte[] body) {
        byte[] mac = HmacSha256.sign(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                (unixSeconds + ".").getBytes(java.nio.charset.StandardCharsets.UTF_8), body);
        return "t=" + unixSeconds + ",v1=" + java.util.HexFormat.of().formatHex(mac);
    }

    @Override
    public void verify(SignedRequest request) throws SignatureException {
        String header = request.header(HEADER);
        if (header == null || header.isBlank()) {
            throw new SignatureException(SignatureException.Reason.MISSING_SIGNATURE,
                    "the Stripe-Signature header is missing");
        }
        String timestamp = null;
        boolean anyV1 = false;
        List<byte[]> candidates = new ArrayList<>();
        for (String item : header.split(",")) {
            int eq = item.indexOf('=');
            if (eq < 0) continue;
            String key = item.substring(0, eq).trim();
            String value = item.substring(eq + 1).trim();
            if (key.equals("t")) {
                timestamp = value;
            } else if (key.equals("v1")) {
                anyV1 = true;
                try {
                    candidates.add(SignatureEncoding.HEX.decode(value));
                } catch (IllegalArgumentException ignored) {
                    // not hex: present, so the request is signed, but it cannot match
                }
            }
        }
        // Missing means nothing to check; a v1 that is there but wrong or unreadable is invalid.
        if (timestamp == null || !anyV1) {
            throw new SignatureException(SignatureException.Reason.MISSING_SIGNATURE,
                    "the Stripe-Signature header needs a t= timestamp and at least one v1= signature");
        }
        Timestamps.requireFresh(timestamp, tolerance, clock, "Stripe-Signature t");
        byte[] signedPrefix = (timestamp + ".").getBytes(UTF_8);
        if (candidates.isEmpty() || !HmacSha256.matchesAny(keys, candidates, signedPrefix, request.body())) {
            // Worded as Stripe's SDKs word it, so that their documentation applies.
            throw new SignatureException(SignatureException.Reason.INVALID_SIGNATURE,
                    "No signatures found matching the expected signature for payload");
        }
    }
}
