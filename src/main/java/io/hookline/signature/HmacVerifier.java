package io.hookline.signature;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The common scheme of Impact, Webconnex, PartnerStack and creator platforms: one header
 * holding the HMAC-SHA256 of the raw body, hex or base64, maybe behind a prefix such as
 * {@code sha256=}. Several comma-separated values are accepted (senders rotating secrets).
 */
public final class HmacVerifier implements SignatureVerifier {

    private final String header;
    private final SignatureEncoding encoding;
    private final String prefix;
    private final List<byte[]> keys;

    public HmacVerifier(String header, SignatureEncoding encoding, String prefix, List<String> secrets) {
        this.header = header;
        this.encoding = encoding;
        this.prefix = prefix == null ? "" : prefix;
        this.keys = secrets.stream().map(s -> s.getBytes(UTF_8)).toList();
    }

    @Override
    public void verify(SignedRequest request) throws SignatureException {
        String value = request.header(header);
        if (value == null || value.isBlank()) {
            throw new SignatureException(SignatureException.Reason.MISSING_SIGNATURE,
                    "the " + header + " header is missing");
        }
        List<byte[]> candidates = candidates(value);
        if (candidates.isEmpty() || !HmacSha256.matchesAny(keys, candidates, request.body())) {
            throw new SignatureException(SignatureException.Reason.INVALID_SIGNATURE,
                    "the " + header + " header does not match the body signed with this source's secret");
        }
    }

    private List<byte[]> candidates(String value) {
        List<byte[]> out = new ArrayList<>(1);
        for (String part : value.split(",")) {
            String v = strip(part.trim());
            if (v.isEmpty()) continue;
            try {
                out.add(encoding.decode(v));
            } catch (IllegalArgumentException notEncoded) {
                // not a value in this encoding: it can match nothing
            }
        }
        return out;
    }

    private String strip(String v) {
        if (!prefix.isEmpty() && v.regionMatches(true, 0, prefix, 0, prefix.length())) {
            v = v.substring(prefix.length()).trim();
        }
        // GitHub-style "sha256=" is common enough to accept whatever the configured prefix.
        if (v.toLowerCase(Locale.ROOT).startsWith("sha256=")) {
            v = v.substring(7).trim();
        }
        return v;
    }
}
