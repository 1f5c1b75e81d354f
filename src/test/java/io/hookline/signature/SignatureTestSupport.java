package io.hookline.signature;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Map;
import java.util.TreeMap;

/** Shared bodies and helpers for the signature tests. The bodies' exact bytes are what is signed. */
final class SignatureTestSupport {

    private SignatureTestSupport() {}

    /**
     * The Impact {@code program_application.rejected} sample (docs section 4.3) as compact JSON.
     * Its bytes are in /tmp/sigvec/impact.json when the vectors were computed; 228 bytes.
     */
    static final String IMPACT_REJECTED =
            "{\"event\":\"program_application.rejected\",\"name\":\"Application Rejected\",\"version\":\"1.0\","
                    + "\"timestamp\":\"2025-04-28T22:11:00Z\",\"data\":{\"offeringApplicationId\":\"app_98765\","
                    + "\"rejectionSource\":\"sponsor\",\"reason\":\"Funding limits reached\"}}";

    /** The same body followed by one newline: 229 bytes, a different signature. */
    static final String IMPACT_REJECTED_NL = IMPACT_REJECTED + "\n";

    /** Non-ASCII UTF-8 (é = C3 A9, ú = C3 BA, ñ = C3 B1); 114 bytes. */
    static final String JOSE =
            "{\"event\":\"applicant.joined_waitlist\",\"data\":{\"applicantName\":\"José Núñez\","
                    + "\"applicantEmail\":\"jose@example.com\"}}";

    static byte[] utf8(String s) {
        return s.getBytes(UTF_8);
    }

    /** A copy of the bytes with the one at {@code index} changed (low bit flipped). */
    static byte[] tamper(byte[] bytes, int index) {
        byte[] copy = bytes.clone();
        copy[index] ^= 0x01;
        return copy;
    }

    /** A request with case-insensitive headers given as name, value, name, value… (null values omitted). */
    static SignedRequest request(byte[] body, String... headerPairs) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < headerPairs.length; i += 2) {
            if (headerPairs[i + 1] != null) headers.put(headerPairs[i], headerPairs[i + 1]);
        }
        return new SignedRequest(headers::get, body, "203.0.113.10");
    }

    static SignatureException rejection(SignatureVerifier verifier, SignedRequest request) {
        try {
            verifier.verify(request);
        } catch (SignatureException e) {
            return e;
        }
        return fail("expected the request to be refused, but it was accepted");
    }

    static void assertAccepted(SignatureVerifier verifier, SignedRequest request) {
        try {
            verifier.verify(request);
        } catch (SignatureException e) {
            fail("expected the request to be accepted, but it was refused: " + e.reason() + ": " + e.getMessage());
        }
    }

    /**
     * Asserts the refusal's reason, and that its message echoes none of the secrets and none of
     * the signature values that were sent (nor the whole header).
     */
    static SignatureException assertRefused(SignatureVerifier verifier, SignedRequest request,
            SignatureException.Reason reason, String... secretsAndSignatures) {
        SignatureException e = rejection(verifier, request);
        assertThat(e.reason()).as("reason (message: %s)", e.getMessage()).isEqualTo(reason);
        assertMessageLeaksNothing(e, secretsAndSignatures);
        return e;
    }

    static void assertMessageLeaksNothing(SignatureException e, String... secretsAndSignatures) {
        assertThat(e.getMessage()).isNotBlank();
        for (String s : secretsAndSignatures) {
            if (s == null || s.isBlank()) continue;
            String t = s.trim();
            assertThat(e.getMessage()).as("the message must not contain a secret or a signature")
                    .doesNotContainIgnoringCase(t);
            // Nor a recognisable part of one (anything 16+ characters long taken from it).
            if (t.length() >= 16) {
                assertThat(e.getMessage()).doesNotContainIgnoringCase(t.substring(0, 16))
                        .doesNotContainIgnoringCase(t.substring(t.length() - 16));
            }
        }
    }
}
