package io.hookline.signature;

import static io.hookline.signature.SignatureTestSupport.IMPACT_REJECTED;
import static io.hookline.signature.SignatureTestSupport.IMPACT_REJECTED_NL;
import static io.hookline.signature.SignatureTestSupport.JOSE;
import static io.hookline.signature.SignatureTestSupport.assertAccepted;
import static io.hookline.signature.SignatureTestSupport.assertMessageLeaksNothing;
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
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stripe: {@code Stripe-Signature: t=<unix>,v1=<hex>}, hex HMAC-SHA256 of {@code <t>.<body>} keyed
 * with the whole {@code whsec_…} string as-is. Expected signatures computed independently with
 * openssl; $IMPACT and $JOSE are the exact bodies of {@link SignatureTestSupport}.
 */
class StripeVerifierTest {

    static final String HEADER = "Stripe-Signature";
    static final String SECRET_1 = "whsec_3f8Kq2LmN9xVb7TzR1wYc5HdJ0pAe6Gs";
    static final String SECRET_2 = "whsec_Zy4Xn8Wv2Ut6Sr0Qp9Om3Lk7Jh1Gf5Ed";
    static final long TS = 1745878260L; // 2025-04-28T22:11:00Z

    /** printf '%s' "1745878260.$IMPACT" | openssl dgst -sha256 -hmac 'whsec_3f8Kq2LmN9xVb7TzR1wYc5HdJ0pAe6Gs' */
    static final String SIG_1_IMPACT = "211a7dd9b83a3fe19b0d82feeccd90acf84da120b00921b4607649d5794161f6";
    /** printf '%s' "1745878260.$IMPACT" | openssl dgst -sha256 -hmac 'whsec_Zy4Xn8Wv2Ut6Sr0Qp9Om3Lk7Jh1Gf5Ed' */
    static final String SIG_2_IMPACT = "ce292c8a3a1e13ebbe9508a9d05fdf6df9093c68220816936f101c3361701f89";
    /** printf '%s' "1745878260.$JOSE" | openssl dgst -sha256 -hmac 'whsec_3f8Kq2LmN9xVb7TzR1wYc5HdJ0pAe6Gs' */
    static final String SIG_1_JOSE = "f524099210559504cce6c785d44b1c4a77d1578ceb58160c27443128073d7add";
    /** Body WITH trailing newline: printf '%s.%s\n' 1745878260 "$IMPACT" | openssl dgst -sha256 -hmac 'whsec_3f8Kq2LmN9xVb7TzR1wYc5HdJ0pAe6Gs' */
    static final String SIG_1_IMPACT_NL = "0b1588ce10102281d5042cb5b78847046aa1c1b576031fd26939f31b321df035";

    /** Long.MIN_VALUE + 1745878260: now - t overflows to Long.MIN_VALUE, whose Math.abs is negative. */
    static final String OVERFLOW_TS = "-9223372035108897548";
    /** printf '%s' "-9223372035108897548.$IMPACT" | openssl dgst -sha256 -hmac 'whsec_3f8Kq2LmN9xVb7TzR1wYc5HdJ0pAe6Gs' */
    static final String SIG_1_IMPACT_OVERFLOW_TS = "b090fddfcfe6f515fed6f7af5079b20ff46b8acfe589c9815077ce42c1e8e4a6";

    static final Duration TOLERANCE = Duration.ofMinutes(5);

    static final String[] SENSITIVE = {SECRET_1, SECRET_2, SIG_1_IMPACT, SIG_2_IMPACT, SIG_1_JOSE, SIG_1_IMPACT_NL,
            SIG_1_IMPACT_OVERFLOW_TS};

    private static Clock at(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    private static StripeVerifier verifier(Clock clock, String... secrets) {
        return new StripeVerifier(List.of(secrets), TOLERANCE, clock);
    }

    private static StripeVerifier verifier(String... secrets) {
        return verifier(at(TS), secrets);
    }

    private static SignedRequest impact(String header) {
        return request(utf8(IMPACT_REJECTED), HEADER, header);
    }

    private static String header(String... signatures) {
        StringBuilder b = new StringBuilder("t=").append(TS);
        for (String s : signatures) b.append(",v1=").append(s);
        return b.toString();
    }

    // --- known answers -------------------------------------------------------------------------

    @Test
    void theKeyIsTheWholeWhsecStringAndThePayloadIsTimestampDotBody() {
        byte[] mac = HmacSha256.sign(utf8(SECRET_1), utf8(TS + "."), utf8(IMPACT_REJECTED));
        assertThat(SignatureEncoding.HEX.encode(mac)).isEqualTo(SIG_1_IMPACT);
    }

    @Test
    void acceptsOurOpensslVectors() {
        assertAccepted(verifier(SECRET_1), impact(header(SIG_1_IMPACT)));
        assertAccepted(verifier(SECRET_2), impact(header(SIG_2_IMPACT)));
        assertAccepted(verifier(SECRET_1), request(utf8(JOSE), HEADER, header(SIG_1_JOSE)));
        assertAccepted(verifier(SECRET_1), request(utf8(IMPACT_REJECTED_NL), HEADER, header(SIG_1_IMPACT_NL)));
    }

    @Test
    void aTrailingNewlineIsPartOfTheSignedBody() {
        assertRefused(verifier(SECRET_1), request(utf8(IMPACT_REJECTED_NL), HEADER, header(SIG_1_IMPACT)),
                INVALID_SIGNATURE, SENSITIVE);
        assertRefused(verifier(SECRET_1), impact(header(SIG_1_IMPACT_NL)), INVALID_SIGNATURE, SENSITIVE);
    }

    // --- refusals ------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {0, 57, 227})
    void refusesABodyWithOneByteChanged(int index) {
        SignedRequest r = request(tamper(utf8(IMPACT_REJECTED), index), HEADER, header(SIG_1_IMPACT));
        assertRefused(verifier(SECRET_1), r, INVALID_SIGNATURE, SENSITIVE);
    }

    @Test
    void theTimestampIsSigned() {
        assertRefused(verifier(SECRET_1), impact("t=" + (TS + 1) + ",v1=" + SIG_1_IMPACT), INVALID_SIGNATURE, SENSITIVE);
    }

    @Test
    void refusesASignatureMadeWithAnotherSecret() {
        assertRefused(verifier(SECRET_1), impact(header(SIG_2_IMPACT)), INVALID_SIGNATURE, SENSITIVE);
        assertRefused(verifier(SECRET_2), impact(header(SIG_1_IMPACT)), INVALID_SIGNATURE, SENSITIVE);
        // The whsec_ prefix is part of the key: without it, it is another secret.
        assertRefused(verifier(SECRET_1.substring("whsec_".length())), impact(header(SIG_1_IMPACT)),
                INVALID_SIGNATURE, SENSITIVE);
    }

    @Test
    void refusesAMissingHeader() {
        assertRefused(verifier(SECRET_1), request(utf8(IMPACT_REJECTED)), MISSING_SIGNATURE, SENSITIVE);
        assertRefused(verifier(SECRET_1), request(utf8(IMPACT_REJECTED), "webhook-signature", header(SIG_1_IMPACT)),
                MISSING_SIGNATURE, SENSITIVE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t"})
    void refusesABlankHeader(String blank) {
        assertRefused(verifier(SECRET_1), impact(blank), MISSING_SIGNATURE, SENSITIVE);
    }

    @Test
    void refusesAHeaderWithoutTimestampOrWithoutV1() {
        assertRefused(verifier(SECRET_1), impact("v1=" + SIG_1_IMPACT), MISSING_SIGNATURE, SENSITIVE);
        assertRefused(verifier(SECRET_1), impact("t=" + TS), MISSING_SIGNATURE, SENSITIVE);
        assertRefused(verifier(SECRET_1), impact(SIG_1_IMPACT), MISSING_SIGNATURE, SENSITIVE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v0", "v2", "V1", "v1a", "sha256", "s"})
    void refusesTheRightSignatureUnderAnotherVersionOnly(String scheme) {
        // No v1= value at all: a missing signature, as Stripe's SDKs say ("no signatures found with expected scheme").
        assertRefused(verifier(SECRET_1), impact("t=" + TS + "," + scheme + "=" + SIG_1_IMPACT), MISSING_SIGNATURE,
                SENSITIVE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad_signature", "", "not hex at all", "zz1a7dd9b83a3fe19b0d82feeccd90acf84da120b00921b4607649d5794161f6"})
    void aV1ThatIsThereButUnreadableIsInvalidNotMissing(String value) {
        SignatureException e = assertRefused(verifier(SECRET_1), impact("t=" + TS + ",v1=" + value), INVALID_SIGNATURE,
                SENSITIVE);
        assertThat(e.getMessage()).isEqualTo("No signatures found matching the expected signature for payload");
        assertThat(e.getMessage()).doesNotContain("v1=");
    }

    @Test
    void aWrongV1IsInvalidWithStripesWording() {
        SignatureException e = assertRefused(verifier(SECRET_1), impact(header(SIG_2_IMPACT)), INVALID_SIGNATURE,
                SENSITIVE);
        assertThat(e.getMessage()).isEqualTo("No signatures found matching the expected signature for payload");
        // An unreadable v1 next to a wrong one changes nothing; next to the right one, it is accepted.
        assertRefused(verifier(SECRET_1), impact(header("bad_signature", SIG_2_IMPACT)), INVALID_SIGNATURE, SENSITIVE);
        assertAccepted(verifier(SECRET_1), impact(header("bad_signature", SIG_1_IMPACT)));
    }

    @Test
    void aMissingTimestampStaysAMissingSignatureWhateverTheV1() {
        assertRefused(verifier(SECRET_1), impact("v1=bad_signature"), MISSING_SIGNATURE, SENSITIVE);
        assertRefused(verifier(SECRET_1), impact("v1=" + SIG_2_IMPACT), MISSING_SIGNATURE, SENSITIVE);
        // A bad v1 does not hide a stale or unreadable timestamp.
        assertRefused(verifier(at(TS + 3600), SECRET_1), impact(header("bad_signature")), STALE_TIMESTAMP, SENSITIVE);
        assertRefused(verifier(SECRET_1), impact("t=yesterday,v1=bad_signature"), MISSING_SIGNATURE, SENSITIVE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "211a7dd9b83a3fe19b0d82feeccd90acf84da120b00921b4607649d5794161f",   // one digit short
            "211a7dd9b83a3fe19b0d82feeccd90acf84da120b00921b4607649d5794161",    // one byte short
            "211a7dd9b83a3fe19b0d82feeccd90ac",                                  // first half
            "211a7dd9b83a3fe19b0d82feeccd90acf84da120b00921b4607649d5794161f600",
            "0000000000000000000000000000000000000000000000000000000000000000",
            "IRp92bg6P+GbDYL+7M2QrPhNoSCwCSG0YHZJ1XlBYfY="                        // the right one in base64
    })
    void refusesMalformedOrTruncatedV1(String value) {
        assertRefused(verifier(SECRET_1), impact("t=" + TS + ",v1=" + value), INVALID_SIGNATURE, SENSITIVE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "1745878260.5", "0x680ffe74", "", "2025-04-28T22:11:00Z"})
    void refusesANonNumericTimestamp(String t) {
        SignatureException e = rejection(verifier(SECRET_1), impact("t=" + t + ",v1=" + SIG_1_IMPACT));
        assertThat(e.reason()).isIn(MISSING_SIGNATURE, INVALID_SIGNATURE);
        assertMessageLeaksNothing(e, SENSITIVE);
    }

    // --- timestamps ----------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(longs = {301, 3600, 86_400 * 365})
    void refusesATimestampTooFarInThePast(long secondsAgo) {
        SignatureException e = assertRefused(verifier(at(TS + secondsAgo), SECRET_1), impact(header(SIG_1_IMPACT)),
                STALE_TIMESTAMP, SENSITIVE);
        assertThat(e.getMessage()).contains("old");
    }

    @ParameterizedTest
    @ValueSource(longs = {301, 3600, 86_400 * 365})
    void refusesATimestampTooFarInTheFuture(long secondsAhead) {
        SignatureException e = assertRefused(verifier(at(TS - secondsAhead), SECRET_1), impact(header(SIG_1_IMPACT)),
                STALE_TIMESTAMP, SENSITIVE);
        assertThat(e.getMessage()).contains("future");
    }

    @ParameterizedTest
    @ValueSource(longs = {-300, -299, -1, 0, 1, 299, 300})
    void acceptsATimestampWithinTheTolerance(long offset) {
        assertAccepted(verifier(at(TS + offset), SECRET_1), impact(header(SIG_1_IMPACT)));
    }

    /**
     * A correctly signed payload whose t is absurd must be refused as stale. With t = Long.MIN_VALUE + now,
     * Timestamps.requireFresh computes Math.abs(now - t) = Math.abs(Long.MIN_VALUE) = Long.MIN_VALUE (negative),
     * which is never above the tolerance.
     */
    @Test
    void anOverflowingTimestampIsStillStale() {
        assertRefused(verifier(SECRET_1), impact("t=" + OVERFLOW_TS + ",v1=" + SIG_1_IMPACT_OVERFLOW_TS),
                STALE_TIMESTAMP, SENSITIVE);
    }

    @Test
    void extremeTimestampsAreStale() {
        assertRefused(verifier(SECRET_1), impact("t=" + Long.MAX_VALUE + ",v1=" + SIG_1_IMPACT), STALE_TIMESTAMP, SENSITIVE);
        assertRefused(verifier(SECRET_1), impact("t=" + Long.MIN_VALUE + ",v1=" + SIG_1_IMPACT), STALE_TIMESTAMP, SENSITIVE);
        assertRefused(verifier(SECRET_1), impact("t=0,v1=" + SIG_1_IMPACT), STALE_TIMESTAMP, SENSITIVE);
        // Milliseconds instead of seconds: far in the future.
        assertRefused(verifier(SECRET_1), impact("t=" + TS * 1000 + ",v1=" + SIG_1_IMPACT), STALE_TIMESTAMP, SENSITIVE);
    }

    // --- accepted variations -------------------------------------------------------------------

    @Test
    void acceptsEitherSecretWhileRotating() {
        StripeVerifier rotating = verifier(SECRET_1, SECRET_2);
        assertAccepted(rotating, impact(header(SIG_1_IMPACT)));
        assertAccepted(rotating, impact(header(SIG_2_IMPACT)));
        // Stripe itself sends one v1= per active secret during a roll.
        assertAccepted(verifier(SECRET_2), impact(header(SIG_1_IMPACT, SIG_2_IMPACT)));
    }

    @Test
    void acceptsUpperCaseHex() {
        assertAccepted(verifier(SECRET_1), impact(header(SIG_1_IMPACT.toUpperCase(Locale.ROOT))));
    }

    @Test
    void acceptsSeveralV1WhenOneMatches() {
        assertAccepted(verifier(SECRET_1), impact(header(SIG_2_IMPACT, SIG_1_IMPACT)));
        assertAccepted(verifier(SECRET_1), impact(header(SIG_1_IMPACT, SIG_2_IMPACT)));
        assertAccepted(verifier(SECRET_1), impact(header("not-hex", SIG_2_IMPACT, SIG_1_IMPACT)));
        assertAccepted(verifier(SECRET_1), impact("t=" + TS + ",v1=" + SIG_1_IMPACT + ",v0=" + SIG_2_IMPACT));
        assertAccepted(verifier(SECRET_1), impact("v1=" + SIG_2_IMPACT + ",t=" + TS + ",v1=" + SIG_1_IMPACT));
        String header = header(SIG_2_IMPACT, SIG_1_JOSE);
        assertRefused(verifier(SECRET_1), impact(header), INVALID_SIGNATURE, header, SIG_2_IMPACT, SIG_1_JOSE, SECRET_1);
    }

    @Test
    void acceptsSurroundingWhitespace() {
        assertAccepted(verifier(SECRET_1), impact("  " + header(SIG_1_IMPACT) + "  "));
        assertAccepted(verifier(SECRET_1), impact("t=" + TS + ", v1=" + SIG_1_IMPACT));
        assertAccepted(verifier(SECRET_1), impact(" t = " + TS + " , v1 = " + SIG_1_IMPACT + " "));
        assertAccepted(verifier(" " + SECRET_1 + " "), impact(header(SIG_1_IMPACT)));
    }
}
