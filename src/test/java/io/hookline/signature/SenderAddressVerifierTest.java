package io.hookline.signature;

import static io.hookline.signature.SignatureException.Reason.SENDER_NOT_ALLOWED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Unsigned senders (Gleam): only allow-listed addresses get through. */
class SenderAddressVerifierTest {

    static final List<String> ALLOWED = List.of("203.0.113.7", "198.51.100.23", "2001:db8:85a3::8a2e:370:7334", "::1");

    private static SignedRequest from(String address) {
        return new SignedRequest(Map.<String, String>of()::get, SignatureTestSupport.utf8("{}"), address);
    }

    private static final SenderAddressVerifier VERIFIER = new SenderAddressVerifier(ALLOWED);

    @ParameterizedTest
    @ValueSource(strings = {
            "203.0.113.7",
            "198.51.100.23",
            " 203.0.113.7 ",
            "2001:db8:85a3::8a2e:370:7334",
            "2001:DB8:85A3::8A2E:370:7334",                 // upper case
            "2001:0db8:85a3:0000:0000:8a2e:0370:7334",      // fully written out
            "2001:db8:85a3:0:0:8a2e:370:7334",              // zeros not compressed
            "[2001:db8:85a3::8a2e:370:7334]",               // bracketed
            "::1",
            "0:0:0:0:0:0:0:1",
            "0000:0000:0000:0000:0000:0000:0000:0001"
    })
    void acceptsAllowListedAddressesInAnyForm(String address) {
        SignatureTestSupport.assertAccepted(VERIFIER, from(address));
    }

    @Test
    void theAllowListItselfMayBeNonCanonical() {
        SenderAddressVerifier v = new SenderAddressVerifier(List.of("2001:0DB8:0000:0000:0000:0000:0000:0001", " 192.0.2.1 "));
        SignatureTestSupport.assertAccepted(v, from("2001:db8::1"));
        SignatureTestSupport.assertAccepted(v, from("192.0.2.1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "203.0.113.8",
            "203.0.113.70",
            "127.0.0.1",
            "2001:db8:85a3::8a2e:370:7335",
            "2001:db8::1",
            "::2",
            "not-an-address",
            "localhost",
            "example.com",
            "203.0.113",
            "203.0.113.7:443",
            "203.0.113.7, 10.0.0.1"
    })
    void refusesOtherAddresses(String address) {
        SignatureException e = SignatureTestSupport.rejection(VERIFIER, from(address));
        assertThat(e.reason()).isEqualTo(SENDER_NOT_ALLOWED);
        assertThat(e.getMessage()).isNotBlank();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void refusesAnUnknownSender(String address) {
        SignatureException e = SignatureTestSupport.rejection(VERIFIER, from(address));
        assertThat(e.reason()).isEqualTo(SENDER_NOT_ALLOWED);
        assertThat(e.getMessage()).contains("unknown");
    }

    @Test
    void anEmptyAllowListRefusesEveryone() {
        SenderAddressVerifier none = new SenderAddressVerifier(List.of());
        assertThat(SignatureTestSupport.rejection(none, from("203.0.113.7")).reason()).isEqualTo(SENDER_NOT_ALLOWED);
    }

    @Test
    void hostNamesInTheAllowListAreIgnoredNotResolved() {
        // "localhost" would resolve to 127.0.0.1 if it were looked up: it must not be.
        SenderAddressVerifier v = new SenderAddressVerifier(List.of("localhost", "gleam.io", "203.0.113.7"));
        assertThat(SignatureTestSupport.rejection(v, from("127.0.0.1")).reason()).isEqualTo(SENDER_NOT_ALLOWED);
        SignatureTestSupport.assertAccepted(v, from("203.0.113.7"));
    }
}
