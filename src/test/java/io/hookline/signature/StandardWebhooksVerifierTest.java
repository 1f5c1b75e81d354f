package io.hookline.signature;

import static io.hookline.signature.SignatureTestSupport.IMPACT_REJECTED;
import static io.hookline.signature.SignatureTestSupport.IMPACT_REJECTED_NL;
import static io.hookline.signature.SignatureTestSupport.JOSE;
import static io.hookline.signature.SignatureTestSupport.assertAccepted;
import static io.hookline.signature.SignatureTestSupport.assertRefused;
import static io.hookline.signature.SignatureTestSupport.rejection;
import static io.hookline.signature.SignatureTestSupport.request;
import static io.hookline.signature.SignatureTestSupport.tamper;
import static io.hookline.signature.SignatureTestSupport.utf8;
import static io.hookline.signature.SignatureException.Reason.INVALID_SIGNATURE;
import static io.hookline.signature.SignatureException.Reason.MISSING_SIGNATURE;
import static io.hookline.signature.SignatureException.Reason.STALE_TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Standard Webhooks: base64 HMAC-SHA256 of {@code id.timestamp.body} keyed with the base64-decoded
 * part of the {@code whsec_} secret. Expected signatures were computed independently with openssl:
 * the key is given to openssl as hex of the decoded secret, e.g.
 * {@code printf '%s' 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' | base64 -d | xxd -p -c 256}.
 */
class StandardWebhooksVerifierTest {

    // --- The official test vector of the Standard Webhooks specification ---------------------
    static final String OFFICIAL_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String OFFICIAL_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final long OFFICIAL_TS = 1614265330L;
    static final String OFFICIAL_BODY = "{\"test\": 2432232314}";
    /**
     * Re-computed with openssl (key hex = base64-decoded "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"):
     * printf '%s' 'msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{"test": 2432232314}' \
     *   | openssl dgst -sha256 -mac HMAC -macopt hexkey:31f290f6bf06298aab4f08d43c3f082cf648a362da2da4b0 -binary | base64
     */
    static final String OFFICIAL_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    // --- Our own vectors ------------------------------------------------------------------------
    /** Random key from `openssl rand -base64 32`; hex f91d1d204018ed1d2bffdd4a4d6842318bf3229aaa99bd150c7dd9720a950ab7. */
    static final String SECRET_A = "whsec_+R0dIEAY7R0r/91KTWhCMYvzIpqqmb0VDH3ZcgqVCrc=";
    /** Random key from `openssl rand -base64 32`; hex 956622a75830449e5373d11a08573b63edb1887da94f4279b1ba91c4e24600fb. */
    static final String SECRET_B = "whsec_lWYip1gwRJ5Tc9EaCFc7Y+2xiH2pT0J5sbqRxOJGAPs=";
    static final String ID = "msg_2kP9xWq7Lm3NvB8aR4tY6uZ0";
    static final long TS = 1745878260L; // 2025-04-28T22:11:00Z

    /**
     * printf '%s' "msg_2kP9xWq7Lm3NvB8aR4tY6uZ0.1745878260.$IMPACT" | openssl dgst -sha256 -mac HMAC
     *   -macopt hexkey:f91d1d204018ed1d2bffdd4a4d6842318bf3229aaa99bd150c7dd9720a950ab7 -binary | base64
     */
    static final String SIG_A_IMPACT = "TsEbzUZQrIAeDnkoGQHrCyUOjfhY1ZfZ9Ur2/rfjrXU=";
    /**
     * printf '%s' "msg_2kP9xWq7Lm3NvB8aR4tY6uZ0.1745878260.$IMPACT" | openssl dgst -sha256 -mac HMAC
     *   -macopt hexkey:956622a75830449e5373d11a08573b63edb1887da94f4279b1ba91c4e24600fb -binary | base64
     */
    static final String SIG_B_IMPACT = "01fpHAQ6tzYAjjZ98qgg/Cs5Ssj7UTudW9hj9XF6JO4=";
    /**
     * printf '%s' "msg_2kP9xWq7Lm3NvB8aR4tY6uZ0.1745878260.$JOSE" | openssl dgst -sha256 -mac HMAC
     *   -macopt hexkey:f91d1d204018ed1d2bffdd4a4d6842318bf3229aaa99bd150c7dd9720a950ab7 -binary | base64
     */
    static final String SIG_A_JOSE = "+KPF+DDr5yGcdRxIMpbpL87M4+AqrKPCEGmMgpfDKqk=";
    /**
     * Body WITH trailing newline:
     * printf '%s.%s.%s\n' msg_2kP9xWq7Lm3NvB8aR4tY6uZ0 1745878260 "$IMPACT" | openssl dgst -sha256 -mac HMAC
     *   -macopt hexkey:f91d1d204018ed1d2bffdd4a4d6842318bf3229aaa99bd150c7dd9720a950ab7 -binary | base64
     */
    static final String SIG_A_IMPACT_NL = "ZZ5X7ptU1YRq85eDm9sTWgRn4fEEfZBoRUS4istxwMA=";
    /** A message id as Svix sends it in svix-id. */
    static final String SVIX_ID = "msg_svix_7Hc4Rz2Qw9Tn5Lb1Xy8Pk3Vd";
    /**
     * printf '%s' "msg_svix_7Hc4Rz2Qw9Tn5Lb1Xy8Pk3Vd.1745878260.$IMPACT" | openssl dgst -sha256 -mac HMAC
     *   -macopt hexkey:f91d1d204018ed1d2bffdd4a4d6842318bf3229aaa99bd150c7dd9720a950ab7 -binary | base64
     */
    static final String SIG_A_SVIX = "RJIJrAXRPw8vkRdAhqcwsfJf22EQXdWufSDTf9ZhnvM=";

    static final Duration TOLERANCE = Duration.ofMinutes(5);

    static final String[] SENSITIVE = {OFFICIAL_SECRET, "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", SECRET_A,
            SECRET_A.substring(6), SECRET_B, SECRET_B.substring(6), OFFICIAL_SIGNATURE.substring(3), SIG_A_IMPACT,
            SIG_B_IMPACT, SIG_A_JOSE, SIG_A_IMPACT_NL, SIG_A_SVIX};

    private static Clock at(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    private static StandardWebhooksVerifier verifier(Clock clock, String... secrets) {
        return new StandardWebhooksVerifier(List.of(secrets), TOLERANCE, clock);
    }

    private static StandardWebhooksVerifier verifier(String... secrets) {
        return verifier(at(TS), secrets);
    }

    private static SignedRequest req(String body, String id, String timestamp, String signature) {
        return request(utf8(body), "webhook-id", id, "webhook-timestamp", timestamp, "webhook-signature", signature);
    }

    private static SignedRequest impact(String signature) {
        return req(IMPACT_REJECTED, ID, Long.toString(TS), signature);
    }

    /** The Impact body under Svix's header names. */
    private static SignedRequest svix(String id, String timestamp, String signature) {
        return request(utf8(IMPACT_REJECTED), "svix-id", id, "svix-timestamp", timestamp, "svix-signature", signature);
    }

    // --- known answers -------------------------------------------------------------------------

    @Test
    void acceptsTheOfficialSpecificationVector() {
        StandardWebhooksVerifier v = verifier(at(OFFICIAL_TS), OFFICIAL_SECRET);
        assertAccepted(v, req(OFFICIAL_BODY, OFFICIAL_ID, Long.toString(OFFICIAL_TS), OFFICIAL_SIGNATURE));
        // The body's space matters: the compact form is another body.
        assertRefused(v, req("{\"test\":2432232314}", OFFICIAL_ID, Long.toString(OFFICIAL_TS), OFFICIAL_SIGNATURE),
                INVALID_SIGNATURE, SENSITIVE);
    }

    @Test
    void acceptsOurOpensslVectors() {
        assertAccepted(verifier(SECRET_A), impact("v1," + SIG_A_IMPACT));
        assertAccepted(verifier(SECRET_B), impact("v1," + SIG_B_IMPACT));
        assertAccepted(verifier(SECRET_A), req(JOSE, ID, Long.toString(TS), "v1," + SIG_A_JOSE));
        assertAccepted(verifier(SECRET_A), req(IMPACT_REJECTED_NL, ID, Long.toString(TS), "v1," + SIG_A_IMPACT_NL));
    }

    @Test
    void aTrailingNewlineIsPartOfTheSignedBody() {
        assertRefused(verifier(SECRET_A), req(IMPACT_REJECTED_NL, ID, Long.toString(TS), "v1," + SIG_A_IMPACT),
                INVALID_SIGNATURE, SENSITIVE);
        assertRefused(verifier(SECRET_A), impact("v1," + SIG_A_IMPACT_NL), INVALID_SIGNATURE, SENSITIVE);
    }

    @Test
    void theSecretMayBeGivenWithoutTheWhsecPrefix() {
        assertAccepted(verifier(SECRET_A.substring("whsec_".length())), impact("v1," + SIG_A_IMPACT));
    }

    // --- refusals ------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {0, 57, 227})
    void refusesABodyWithOneByteChanged(int index) {
        byte[] tampered = tamper(utf8(IMPACT_REJECTED), index);
        SignedRequest r = request(tampered, "webhook-id", ID, "webhook-timestamp", Long.toString(TS),
                "webhook-signature", "v1," + SIG_A_IMPACT);
        assertRefused(verifier(SECRET_A), r, INVALID_SIGNATURE, SENSITIVE);
    }

    @Test
    void theIdAndTimestampAreSignedToo() {
        assertRefused(verifier(SECRET_A), req(IMPACT_REJECTED, ID + "x", Long.toString(TS), "v1," + SIG_A_IMPACT),
                INVALID_SIGNATURE, SENSITIVE);
        // A fresh but different timestamp: the signature no longer fits.
        assertRefused(verifier(SECRET_A), req(IMPACT_REJECTED, ID, Long.toString(TS + 1), "v1," + SIG_A_IMPACT),
                INVALID_SIGNATURE, SENSITIVE);
    }

    @Test
    void refusesASignatureMadeWithAnotherSecret() {
        assertRefused(verifier(SECRET_A), impact("v1," + SIG_B_IMPACT), INVALID_SIGNATURE, SENSITIVE);
        assertRefused(verifier(SECRET_B), impact("v1," + SIG_A_IMPACT), INVALID_SIGNATURE, SENSITIVE);
    }

    @Test
    void refusesMissingHeaders() {
        String ts = Long.toString(TS);
        String sig = "v1," + SIG_A_IMPACT;
        assertRefused(verifier(SECRET_A), req(IMPACT_REJECTED, ID, ts, null), MISSING_SIGNATURE, SENSITIVE);
        assertRefused(verifier(SECRET_A), req(IMPACT_REJECTED, null, ts, sig), MISSING_SIGNATURE, SENSITIVE);
        assertRefused(verifier(SECRET_A), req(IMPACT_REJECTED, ID, null, sig), MISSING_SIGNATURE, SENSITIVE);
        assertRefused(verifier(SECRET_A), request(utf8(IMPACT_REJECTED)), MISSING_SIGNATURE, SENSITIVE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t "})
    void refusesBlankHeaders(String blank) {
        String ts = Long.toString(TS);
        String sig = "v1," + SIG_A_IMPACT;
        assertRefused(verifier(SECRET_A), req(IMPACT_REJECTED, ID, ts, blank), MISSING_SIGNATURE, SENSITIVE);
        assertRefused(verifier(SECRET_A), req(IMPACT_REJECTED, blank, ts, sig), MISSING_SIGNATURE, SENSITIVE);
        assertRefused(verifier(SECRET_A), req(IMPACT_REJECTED, ID, blank, sig), MISSING_SIGNATURE, SENSITIVE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v0,", "v2,", "V1,", "v1a,", "v1=", "", ",", "sha256="})
    void refusesTheRightSignatureUnderAnotherVersion(String version) {
        assertRefused(verifier(SECRET_A), impact(version + SIG_A_IMPACT), INVALID_SIGNATURE, SENSITIVE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1,", "v1,not base64!", "v1,TsEbzUZQrIAeDnkoGQHrCyUOjfhY", "v1,,", "v1"})
    void refusesMalformedOrTruncatedSignatures(String value) {
        assertRefused(verifier(SECRET_A), impact(value), INVALID_SIGNATURE, SENSITIVE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "1745878260.5", "1.74587826e9", "0x680ffe74", "2025-04-28T22:11:00Z"})
    void refusesANonNumericTimestamp(String timestamp) {
        SignatureException e = rejection(verifier(SECRET_A), req(IMPACT_REJECTED, ID, timestamp, "v1," + SIG_A_IMPACT));
        assertThat(e.reason()).isIn(MISSING_SIGNATURE, INVALID_SIGNATURE);
        SignatureTestSupport.assertMessageLeaksNothing(e, SENSITIVE);
    }

    // --- timestamps ----------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(longs = {301, 3600, 86_400 * 365})
    void refusesATimestampTooFarInThePast(long secondsAgo) {
        SignatureException e = assertRefused(verifier(at(TS + secondsAgo), SECRET_A), impact("v1," + SIG_A_IMPACT),
                STALE_TIMESTAMP, SENSITIVE);
        assertThat(e.getMessage()).contains("old");
    }

    @ParameterizedTest
    @ValueSource(longs = {301, 3600, 86_400 * 365})
    void refusesATimestampTooFarInTheFuture(long secondsAhead) {
        SignatureException e = assertRefused(verifier(at(TS - secondsAhead), SECRET_A), impact("v1," + SIG_A_IMPACT),
                STALE_TIMESTAMP, SENSITIVE);
        assertThat(e.getMessage()).contains("future");
    }

    @ParameterizedTest
    @ValueSource(longs = {-300, -299, -1, 0, 1, 299, 300})
    void acceptsATimestampWithinTheTolerance(long offset) {
        assertAccepted(verifier(at(TS + offset), SECRET_A), impact("v1," + SIG_A_IMPACT));
    }

    @Test
    void aStaleTimestampIsRefusedEvenWithABadSignature() {
        assertRefused(verifier(at(TS + 3600), SECRET_A), impact("v1," + SIG_B_IMPACT), STALE_TIMESTAMP, SENSITIVE);
    }

    // --- accepted variations -------------------------------------------------------------------

    @Test
    void acceptsEitherSecretWhileRotating() {
        StandardWebhooksVerifier rotating = verifier(SECRET_A, SECRET_B);
        assertAccepted(rotating, impact("v1," + SIG_A_IMPACT));
        assertAccepted(rotating, impact("v1," + SIG_B_IMPACT));
        assertAccepted(verifier(SECRET_B, SECRET_A), impact("v1," + SIG_A_IMPACT));
    }

    @Test
    void acceptsSeveralSpaceSeparatedSignaturesWhenOneMatches() {
        String wrong = "v1," + SIG_B_IMPACT;
        String right = "v1," + SIG_A_IMPACT;
        assertAccepted(verifier(SECRET_A), impact(wrong + " " + right));
        assertAccepted(verifier(SECRET_A), impact(right + " " + wrong));
        assertAccepted(verifier(SECRET_A), impact("v1a,bm90IGFuIGVkMjU1MTkgc2ln " + wrong + "  " + right));
        assertAccepted(verifier(SECRET_A), impact("v0," + SIG_A_IMPACT + " " + right));
        String header = wrong + " v1," + SIG_A_JOSE;
        assertRefused(verifier(SECRET_A), impact(header), INVALID_SIGNATURE, header, SIG_B_IMPACT, SIG_A_JOSE, SECRET_A);
    }

    @Test
    void acceptsSurroundingWhitespaceInTheHeaders() {
        assertAccepted(verifier(SECRET_A), req(IMPACT_REJECTED, " " + ID + " ", " " + TS + " ", "  v1," + SIG_A_IMPACT + "  "));
        assertAccepted(verifier(" " + SECRET_A + " "), impact("v1," + SIG_A_IMPACT));
    }

    // --- Svix's header names ---------------------------------------------------------------------

    @Test
    void acceptsTheOfficialVectorUnderSvixHeaderNames() {
        SignedRequest r = request(utf8(OFFICIAL_BODY), "svix-id", OFFICIAL_ID,
                "svix-timestamp", Long.toString(OFFICIAL_TS), "svix-signature", OFFICIAL_SIGNATURE);
        assertAccepted(verifier(at(OFFICIAL_TS), OFFICIAL_SECRET), r);
    }

    @Test
    void acceptsOurOpensslVectorsUnderSvixHeaderNames() {
        assertAccepted(verifier(SECRET_A), svix(SVIX_ID, Long.toString(TS), "v1," + SIG_A_SVIX));
        // The signed content is id.timestamp.body whatever the headers are called.
        assertAccepted(verifier(SECRET_A), svix(ID, Long.toString(TS), "v1," + SIG_A_IMPACT));
        assertRefused(verifier(SECRET_A), svix(SVIX_ID, Long.toString(TS), "v1," + SIG_A_IMPACT),
                INVALID_SIGNATURE, SENSITIVE);
        assertRefused(verifier(SECRET_B), svix(SVIX_ID, Long.toString(TS), "v1," + SIG_A_SVIX),
                INVALID_SIGNATURE, SENSITIVE);
    }

    @Test
    void svixHeadersAreCheckedLikeTheOthers() {
        assertRefused(verifier(at(TS + 3600), SECRET_A), svix(SVIX_ID, Long.toString(TS), "v1," + SIG_A_SVIX),
                STALE_TIMESTAMP, SENSITIVE);
        assertRefused(verifier(SECRET_A), svix(SVIX_ID, Long.toString(TS), "v1," + SIG_A_SVIX.replace("=", "")),
                INVALID_SIGNATURE, SENSITIVE);
        SignatureException e = assertRefused(verifier(SECRET_A), svix(SVIX_ID, Long.toString(TS), "v1," + SIG_B_IMPACT),
                INVALID_SIGNATURE, SENSITIVE);
        assertThat(e.getMessage()).contains("svix-signature");
    }

    @Test
    void theSvixFamilyIsReadFirstWhenItIsComplete() {
        String ts = Long.toString(TS);
        // Both families: svix-* decides, as in Svix's libraries; a right webhook-* does not rescue a wrong svix-*.
        assertAccepted(verifier(SECRET_A), request(utf8(IMPACT_REJECTED),
                "svix-id", SVIX_ID, "svix-timestamp", ts, "svix-signature", "v1," + SIG_A_SVIX,
                "webhook-id", ID, "webhook-timestamp", ts, "webhook-signature", "v1," + SIG_B_IMPACT));
        assertRefused(verifier(SECRET_A), request(utf8(IMPACT_REJECTED),
                "svix-id", SVIX_ID, "svix-timestamp", ts, "svix-signature", "v1," + SIG_B_IMPACT,
                "webhook-id", ID, "webhook-timestamp", ts, "webhook-signature", "v1," + SIG_A_IMPACT),
                INVALID_SIGNATURE, SENSITIVE);
        // An incomplete svix family is ignored whole: the webhook-* family is used, never a mix.
        assertAccepted(verifier(SECRET_A), request(utf8(IMPACT_REJECTED), "svix-id", SVIX_ID,
                "webhook-id", ID, "webhook-timestamp", ts, "webhook-signature", "v1," + SIG_A_IMPACT));
        assertRefused(verifier(SECRET_A), request(utf8(IMPACT_REJECTED), "svix-id", SVIX_ID,
                "webhook-timestamp", ts, "webhook-signature", "v1," + SIG_A_SVIX), MISSING_SIGNATURE, SENSITIVE);
        assertRefused(verifier(SECRET_A), request(utf8(IMPACT_REJECTED), "svix-id", SVIX_ID, "svix-timestamp", ts,
                "svix-signature", " "), MISSING_SIGNATURE, SENSITIVE);
    }

    @Test
    void theMessageIdIsTheOneOfTheFamilyThatWasVerified() {
        String ts = Long.toString(TS);
        assertThat(StandardWebhooksVerifier.messageId(svix(SVIX_ID, ts, "v1," + SIG_A_SVIX)::header)).isEqualTo(SVIX_ID);
        assertThat(StandardWebhooksVerifier.messageId(impact("v1," + SIG_A_IMPACT)::header)).isEqualTo(ID);
        assertThat(StandardWebhooksVerifier.messageId(request(utf8(IMPACT_REJECTED), "svix-id", SVIX_ID,
                "webhook-id", ID)::header)).isEqualTo(ID);
        assertThat(StandardWebhooksVerifier.messageId(request(utf8(IMPACT_REJECTED), "svix-id", SVIX_ID)::header))
                .isNull();
    }

    // --- base64 compared as the reference libraries do --------------------------------------------

    /**
     * Each decodes, with the JDK's lenient decoder, to the same 32 bytes as the right signature
     * (checked below), but is not its canonical text, which the reference libraries compare.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "TsEbzUZQrIAeDnkoGQHrCyUOjfhY1ZfZ9Ur2/rfjrXU",   // padding removed
            "TsEbzUZQrIAeDnkoGQHrCyUOjfhY1ZfZ9Ur2/rfjrXV=",  // non-zero trailing bits (U = 010100, V = 010101)
            "TsEbzUZQrIAeDnkoGQHrCyUOjfhY1ZfZ9Ur2/rfjrXW=",
    })
    void refusesTheRightSignatureInANonCanonicalBase64Text(String text) {
        assertThat(java.util.Base64.getDecoder().decode(text))
                .isEqualTo(java.util.Base64.getDecoder().decode(SIG_A_IMPACT));
        assertRefused(verifier(SECRET_A), impact("v1," + text), INVALID_SIGNATURE, SENSITIVE);
        assertRefused(verifier(SECRET_A), svix(ID, Long.toString(TS), "v1," + text), INVALID_SIGNATURE, SENSITIVE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "TsEbzUZQrIAeDnkoGQHrCyUOjfhY1ZfZ9Ur2_rfjrXU=",  // URL-safe alphabet
            "TsEbzUZQrIAeDnkoGQHrCyUOjfhY1ZfZ9Ur2_rfjrXU",
            "TsEbzUZQrIAeDnkoGQHr CyUOjfhY1ZfZ9Ur2/rfjrXU=", // embedded whitespace
            "TsEbzUZQrIAeDnkoGQHr\tCyUOjfhY1ZfZ9Ur2/rfjrXU=",
    })
    void refusesTheRightSignatureInAnotherAlphabetOrSplitByWhitespace(String text) {
        assertRefused(verifier(SECRET_A), impact("v1," + text), INVALID_SIGNATURE, SENSITIVE);
    }

    @Test
    void theCanonicalTextIsStillAcceptedAmongNonCanonicalOnes() {
        assertAccepted(verifier(SECRET_A), impact("v1,TsEbzUZQrIAeDnkoGQHrCyUOjfhY1ZfZ9Ur2/rfjrXU v1," + SIG_A_IMPACT));
    }

    // --- secretProblem ---------------------------------------------------------------------------

    @Test
    void goodSecretsHaveNoProblem() {
        assertThat(StandardWebhooksVerifier.secretProblem(OFFICIAL_SECRET)).isNull();
        assertThat(StandardWebhooksVerifier.secretProblem(SECRET_A)).isNull();
        assertThat(StandardWebhooksVerifier.secretProblem(SECRET_B)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "whsec_not*base64!",
            "whsec_",
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw!!",     // a real secret with a typo
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaL",          // truncated to 29 characters: not base64
            "sk_live_51H8xYzAbCdEfGhIjKlMnOpQrStUvWxYz",    // some other kind of secret
            "whsec MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    })
    void garbageSecretsHaveAProblemThatDoesNotEchoThem(String secret) {
        String problem = StandardWebhooksVerifier.secretProblem(secret);
        assertThat(problem).isNotBlank();
        String body = secret.startsWith("whsec_") ? secret.substring(6) : secret;
        if (!body.isEmpty()) { // a bare "whsec_" has nothing secret; the message may name the prefix
            assertThat(problem).doesNotContain(secret);
            assertThat(problem).doesNotContain(body);
            assertThat(problem).doesNotContain(body.substring(0, Math.min(8, body.length())));
        }
    }

    @Test
    void emptySecretsHaveAProblem() {
        assertThat(StandardWebhooksVerifier.secretProblem(null)).isNotBlank();
        assertThat(StandardWebhooksVerifier.secretProblem("")).isNotBlank();
        assertThat(StandardWebhooksVerifier.secretProblem("   ")).isNotBlank();
    }
}
