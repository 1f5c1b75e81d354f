package io.hookline.signature;

import static io.hookline.signature.SignatureTestSupport.IMPACT_REJECTED;
import static io.hookline.signature.SignatureTestSupport.IMPACT_REJECTED_NL;
import static io.hookline.signature.SignatureTestSupport.JOSE;
import static io.hookline.signature.SignatureTestSupport.assertAccepted;
import static io.hookline.signature.SignatureTestSupport.assertRefused;
import static io.hookline.signature.SignatureTestSupport.request;
import static io.hookline.signature.SignatureTestSupport.tamper;
import static io.hookline.signature.SignatureTestSupport.utf8;
import static io.hookline.signature.SignatureException.Reason.INVALID_SIGNATURE;
import static io.hookline.signature.SignatureException.Reason.MISSING_SIGNATURE;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The plain one-header HMAC-SHA256 scheme (Impact, Webconnex, PartnerStack…). Every expected
 * signature below was computed independently with openssl; the command is given with each.
 * $IMPACT, $JOSE are the exact bodies of {@link SignatureTestSupport#IMPACT_REJECTED} and
 * {@link SignatureTestSupport#JOSE} (no trailing newline unless stated).
 */
class HmacVerifierTest {

    static final String HEADER = "X-Impact-Signature";
    static final String OLD_SECRET = "impact_signing_secret_4f9a2c71";
    static final String NEW_SECRET = "impact_rotated_secret_b83e05d9";

    /** printf '%s' "$IMPACT" | openssl dgst -sha256 -hmac 'impact_signing_secret_4f9a2c71' */
    static final String HEX_IMPACT_OLD = "e53999c5064a00ef41db81c2d896d9a16fcab117a812dc4237b338a9eabb3346";
    /** printf '%s' "$IMPACT" | openssl dgst -sha256 -hmac 'impact_rotated_secret_b83e05d9' */
    static final String HEX_IMPACT_NEW = "d9c099d3404ce4ccc1cd228e9af345ab292bd0184bb7f7e39a8c7d34ca9c600c";
    /** printf '%s' "$IMPACT" | openssl dgst -sha256 -hmac 'impact_signing_secret_4f9a2c71' -binary | base64 */
    static final String B64_IMPACT_OLD = "5TmZxQZKAO9B24HC2JbZoW/KsReoEtxCN7M4qeq7M0Y=";
    /** printf '%s' "$IMPACT" | openssl dgst -sha256 -hmac 'impact_rotated_secret_b83e05d9' -binary | base64 */
    static final String B64_IMPACT_NEW = "2cCZ00BM5MzBzSKOmvNFqykr0BhLt/fjmox9NMqcYAw=";
    /** printf '%s' "$JOSE" | openssl dgst -sha256 -hmac 'impact_signing_secret_4f9a2c71' */
    static final String HEX_JOSE_OLD = "4448cfb9274c0f039645d82a7d10b018a6a4fc97b7ce829be0c90b6f28ef9598";
    /** printf '%s' "$JOSE" | openssl dgst -sha256 -hmac 'impact_signing_secret_4f9a2c71' -binary | base64 */
    static final String B64_JOSE_OLD = "REjPuSdMDwOWRdgqfRCwGKak/Je3zoKb4MkLbyjvlZg=";
    /** printf '%s\n' "$IMPACT" | openssl dgst -sha256 -hmac 'impact_signing_secret_4f9a2c71'  (body WITH trailing newline) */
    static final String HEX_IMPACT_NL_OLD = "05d310885cac986a3e7e083dfd921638bea3c572ab338a198a364be3bfb637a4";

    /** Everything that must never show up in a refusal's message. */
    static final String[] SENSITIVE = {OLD_SECRET, NEW_SECRET, HEX_IMPACT_OLD, HEX_IMPACT_NEW, B64_IMPACT_OLD,
            B64_IMPACT_NEW, HEX_JOSE_OLD, B64_JOSE_OLD, HEX_IMPACT_NL_OLD};

    private static HmacVerifier hex(String... secrets) {
        return new HmacVerifier(HEADER, SignatureEncoding.HEX, null, List.of(secrets));
    }

    private static HmacVerifier base64(String... secrets) {
        return new HmacVerifier(HEADER, SignatureEncoding.BASE64, null, List.of(secrets));
    }

    private static SignedRequest impact(String signature) {
        return request(utf8(IMPACT_REJECTED), HEADER, signature);
    }

    // --- known answers ---------------------------------------------------------------------

    @Test
    void hmacOfTheRawBodyMatchesOpenssl() {
        assertThat(SignatureEncoding.HEX.encode(HmacSha256.sign(utf8(OLD_SECRET), utf8(IMPACT_REJECTED))))
                .isEqualTo(HEX_IMPACT_OLD);
        assertThat(SignatureEncoding.BASE64.encode(HmacSha256.sign(utf8(OLD_SECRET), utf8(IMPACT_REJECTED))))
                .isEqualTo(B64_IMPACT_OLD);
        assertThat(SignatureEncoding.HEX.encode(HmacSha256.sign(utf8(OLD_SECRET), utf8(JOSE))))
                .isEqualTo(HEX_JOSE_OLD);
        assertThat(SignatureEncoding.HEX.encode(HmacSha256.sign(utf8(OLD_SECRET), utf8(IMPACT_REJECTED_NL))))
                .isEqualTo(HEX_IMPACT_NL_OLD);
    }

    @Test
    void acceptsTheRightHexSignature() {
        assertAccepted(hex(OLD_SECRET), impact(HEX_IMPACT_OLD));
    }

    @Test
    void acceptsNonAsciiUtf8Body() {
        assertAccepted(hex(OLD_SECRET), request(utf8(JOSE), HEADER, HEX_JOSE_OLD));
        assertAccepted(base64(OLD_SECRET), request(utf8(JOSE), HEADER, B64_JOSE_OLD));
    }

    @Test
    void theSameTextInAnotherCharsetIsADifferentBody() {
        // "José Núñez" in ISO-8859-1 is the same text but other bytes: the signature is over bytes.
        assertRefused(hex(OLD_SECRET), request(JOSE.getBytes(ISO_8859_1), HEADER, HEX_JOSE_OLD),
                INVALID_SIGNATURE, SENSITIVE);
    }

    @Test
    void aTrailingNewlineIsPartOfTheSignedBody() {
        assertAccepted(hex(OLD_SECRET), request(utf8(IMPACT_REJECTED_NL), HEADER, HEX_IMPACT_NL_OLD));
        // The signature of the body with the newline does not fit the body without it, and vice versa.
        assertRefused(hex(OLD_SECRET), request(utf8(IMPACT_REJECTED), HEADER, HEX_IMPACT_NL_OLD),
                INVALID_SIGNATURE, SENSITIVE);
        assertRefused(hex(OLD_SECRET), request(utf8(IMPACT_REJECTED_NL), HEADER, HEX_IMPACT_OLD),
                INVALID_SIGNATURE, SENSITIVE);
    }

    // --- refusals ----------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 100, 227})
    void refusesABodyWithOneByteChanged(int index) {
        byte[] tampered = tamper(utf8(IMPACT_REJECTED), index);
        assertRefused(hex(OLD_SECRET), request(tampered, HEADER, HEX_IMPACT_OLD), INVALID_SIGNATURE, SENSITIVE);
    }

    @Test
    void refusesANonAsciiBodyWithOneByteOfTheMultiByteCharacterChanged() {
        byte[] body = utf8(JOSE);
        int e = indexOfEAcute(body);
        assertRefused(hex(OLD_SECRET), request(tamper(body, e + 1), HEADER, HEX_JOSE_OLD), INVALID_SIGNATURE, SENSITIVE);
    }

    private static int indexOfEAcute(byte[] body) {
        for (int i = 0; i < body.length - 1; i++) {
            if (body[i] == (byte) 0xC3 && body[i + 1] == (byte) 0xA9) return i;
        }
        throw new AssertionError("no é in the body");
    }

    @Test
    void refusesASignatureMadeWithAnotherSecret() {
        assertRefused(hex(OLD_SECRET), impact(HEX_IMPACT_NEW), INVALID_SIGNATURE, SENSITIVE);
        assertRefused(hex("impact_signing_secret_4f9a2c72"), impact(HEX_IMPACT_OLD), INVALID_SIGNATURE, SENSITIVE);
        assertRefused(base64(NEW_SECRET), impact(B64_IMPACT_OLD), INVALID_SIGNATURE, SENSITIVE);
    }

    @Test
    void refusesAMissingHeader() {
        assertRefused(hex(OLD_SECRET), request(utf8(IMPACT_REJECTED)), MISSING_SIGNATURE, SENSITIVE);
        // The signature in some other header does not count.
        assertRefused(hex(OLD_SECRET), request(utf8(IMPACT_REJECTED), "X-Signature", HEX_IMPACT_OLD),
                MISSING_SIGNATURE, SENSITIVE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "   ", "\t"})
    void refusesABlankHeader(String blank) {
        assertRefused(hex(OLD_SECRET), impact(blank), MISSING_SIGNATURE, SENSITIVE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not-a-signature",
            ",",
            " , , ",
            "sha256=",
            "e53999c5064a00ef41db81c2d896d9a16fcab117a812dc4237b338a9eabb334",  // one hex digit short
            "e53999c5064a00ef41db81c2d896d9a16fcab117a812dc4237b338a9eabb33",   // one byte short
            "e53999c5064a00ef41db81c2d896d9a1",                                 // first half only
            "e53999c5064a00ef41db81c2d896d9a16fcab117a812dc4237b338a9eabb334600", // one byte too many
            "0000000000000000000000000000000000000000000000000000000000000000",
            "5TmZxQZKAO9B24HC2JbZoW/KsReoEtxCN7M4qeq7M0Y=" // the right one, but in base64 for a hex verifier
    })
    void refusesMalformedOrTruncatedSignatures(String value) {
        assertRefused(hex(OLD_SECRET), impact(value), INVALID_SIGNATURE, SENSITIVE);
    }

    @Test
    void refusesTheHexSignatureWhenConfiguredForBase64() {
        // 64 hex digits happen to be valid base64 too (48 bytes): they must simply not match.
        assertRefused(base64(OLD_SECRET), impact(HEX_IMPACT_OLD), INVALID_SIGNATURE, SENSITIVE);
    }

    // --- accepted variations -----------------------------------------------------------------

    @Test
    void acceptsEitherSecretWhileRotating() {
        HmacVerifier rotating = hex(OLD_SECRET, NEW_SECRET);
        assertAccepted(rotating, impact(HEX_IMPACT_OLD));
        assertAccepted(rotating, impact(HEX_IMPACT_NEW));
        HmacVerifier rotatingBase64 = base64(OLD_SECRET, NEW_SECRET);
        assertAccepted(rotatingBase64, impact(B64_IMPACT_OLD));
        assertAccepted(rotatingBase64, impact(B64_IMPACT_NEW));
        // …and once the old secret is dropped, its signatures are refused.
        assertRefused(hex(NEW_SECRET), impact(HEX_IMPACT_OLD), INVALID_SIGNATURE, SENSITIVE);
    }

    @Test
    void acceptsUpperCaseHex() {
        assertAccepted(hex(OLD_SECRET), impact(HEX_IMPACT_OLD.toUpperCase(Locale.ROOT)));
        assertAccepted(hex(OLD_SECRET), impact("sha256=" + HEX_IMPACT_OLD.toUpperCase(Locale.ROOT)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha256=", "SHA256=", "Sha256="})
    void acceptsTheSha256Prefix(String prefix) {
        assertAccepted(hex(OLD_SECRET), impact(prefix + HEX_IMPACT_OLD));
        assertAccepted(base64(OLD_SECRET), impact(prefix + B64_IMPACT_OLD));
    }

    @Test
    void acceptsAConfiguredCustomPrefix() {
        HmacVerifier v1 = new HmacVerifier(HEADER, SignatureEncoding.HEX, "v1=", List.of(OLD_SECRET));
        assertAccepted(v1, impact("v1=" + HEX_IMPACT_OLD));
        assertAccepted(v1, impact("V1=" + HEX_IMPACT_OLD));
        assertAccepted(v1, impact(HEX_IMPACT_OLD)); // the prefix is optional
        assertAccepted(v1, impact("sha256=" + HEX_IMPACT_OLD)); // sha256= is accepted whatever the prefix
        assertAccepted(v1, impact("v1=" + HEX_IMPACT_OLD + ",v1=" + HEX_IMPACT_NEW));
        assertRefused(v1, impact("v1=" + HEX_IMPACT_NEW), INVALID_SIGNATURE, SENSITIVE);

        HmacVerifier b64 = new HmacVerifier(HEADER, SignatureEncoding.BASE64, "v1=", List.of(OLD_SECRET));
        assertAccepted(b64, impact("v1=" + B64_IMPACT_OLD));
    }

    @ParameterizedTest
    @ValueSource(strings = {" %s", "%s ", "  %s  ", "\t%s\t", " sha256=%s ", "sha256= %s"})
    void acceptsSurroundingWhitespace(String format) {
        assertAccepted(hex(OLD_SECRET), impact(String.format(format, HEX_IMPACT_OLD)));
        assertAccepted(base64(OLD_SECRET), impact(String.format(format, B64_IMPACT_OLD)));
    }

    @Test
    void acceptsTheBase64Encoding() {
        assertAccepted(base64(OLD_SECRET), impact(B64_IMPACT_OLD));
        assertRefused(base64(OLD_SECRET), impact(B64_IMPACT_NEW), INVALID_SIGNATURE, SENSITIVE);
    }

    /**
     * Each decodes, with the JDK's lenient decoder, to the bytes of B64_IMPACT_OLD (checked below),
     * but is not that signature's text: refused, as by a receiver comparing the encoded text.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "5TmZxQZKAO9B24HC2JbZoW/KsReoEtxCN7M4qeq7M0Y",   // padding removed
            "5TmZxQZKAO9B24HC2JbZoW/KsReoEtxCN7M4qeq7M0Z=",  // non-zero trailing bits (Y = 011000, Z = 011001)
            "sha256=5TmZxQZKAO9B24HC2JbZoW/KsReoEtxCN7M4qeq7M0Y",
    })
    void refusesTheRightBase64SignatureInANonCanonicalText(String text) {
        assertThat(java.util.Base64.getDecoder().decode(text.replace("sha256=", "")))
                .isEqualTo(java.util.Base64.getDecoder().decode(B64_IMPACT_OLD));
        assertRefused(base64(OLD_SECRET), impact(text), INVALID_SIGNATURE, SENSITIVE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "5TmZxQZKAO9B24HC2JbZoW_KsReoEtxCN7M4qeq7M0Y=",  // URL-safe alphabet
            "5TmZxQZKAO9B24HC2JbZoW_KsReoEtxCN7M4qeq7M0Y",
            "5TmZxQZKAO9B24HC 2JbZoW/KsReoEtxCN7M4qeq7M0Y=", // embedded whitespace
            "5TmZxQZKAO9B24HC2JbZoW/KsReoEtxCN7M4qeq7M0Y=\n5TmZ",
    })
    void refusesTheRightBase64SignatureInAnotherAlphabetOrWithWhitespaceInside(String text) {
        assertRefused(base64(OLD_SECRET), impact(text), INVALID_SIGNATURE, SENSITIVE);
    }

    @Test
    void canonicalBase64IsAcceptedNextToANonCanonicalValue() {
        assertAccepted(base64(OLD_SECRET), impact("5TmZxQZKAO9B24HC2JbZoW/KsReoEtxCN7M4qeq7M0Y, " + B64_IMPACT_OLD));
    }

    @Test
    void acceptsSeveralCommaSeparatedValuesWhenOneMatches() {
        assertAccepted(hex(OLD_SECRET), impact(HEX_IMPACT_NEW + "," + HEX_IMPACT_OLD));
        assertAccepted(hex(OLD_SECRET), impact(HEX_IMPACT_OLD + ", " + HEX_IMPACT_NEW));
        assertAccepted(hex(OLD_SECRET), impact("not-hex, sha256=" + HEX_IMPACT_OLD + " ,"));
        assertAccepted(base64(OLD_SECRET), impact(B64_IMPACT_NEW + ", " + B64_IMPACT_OLD));
        // None matching: refused, and neither value is echoed.
        String header = HEX_IMPACT_NEW + "," + HEX_JOSE_OLD;
        assertRefused(hex(OLD_SECRET), impact(header), INVALID_SIGNATURE, header, OLD_SECRET, HEX_IMPACT_OLD);
    }

    @Test
    void refusalMessagesNameTheHeaderButNeverTheSecretOrSignature() {
        SignatureException wrong = assertRefused(hex(OLD_SECRET), impact(HEX_IMPACT_NEW), INVALID_SIGNATURE, SENSITIVE);
        assertThat(wrong.getMessage()).contains(HEADER);
        SignatureException missing = assertRefused(hex(OLD_SECRET), request(utf8(IMPACT_REJECTED)), MISSING_SIGNATURE, SENSITIVE);
        assertThat(missing.getMessage()).contains(HEADER);
    }
}
