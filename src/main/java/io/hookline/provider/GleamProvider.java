package io.hookline.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookline.signature.SenderAddressVerifier;
import io.hookline.signature.SignatureVerifier;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Gleam signs nothing: the sender's address must be allow-listed (its two published addresses by default). Every delivery is an entry. */
public final class GleamProvider extends Provider {

    /** Gleam's published sender addresses (seed 001). */
    public static final List<String> ADDRESSES = List.of("173.255.204.234", "45.79.6.209");
    static final String TYPE = "entry.created";

    @Override public String id() { return "gleam"; }
    @Override public boolean signed() { return false; }
    @Override public String defaultSignatureHeader() { return null; }
    @Override public List<String> defaultAllowedIps() { return ADDRESSES; }

    @Override
    public SignatureVerifier verifier(SourceSettings s, Clock clock) {
        return new SenderAddressVerifier(s.allowedIps().isEmpty() ? ADDRESSES : s.allowedIps());
    }

    @Override
    public String scheme(SourceSettings s) {
        return "no signature: sender IP allow-list " + String.join(", ", s.allowedIps().isEmpty() ? ADDRESSES : s.allowedIps());
    }

    @Override
    public Map<String, String> sign(byte[] body, String secret, String deliveryId, Instant now, SourceSettings s) {
        return Map.of(); // the proof is the sender's address
    }

    @Override
    public String typeLocation() {
        return "nothing: every Gleam delivery is an entry.created";
    }

    @Override
    public String type(JsonNode body, Function<String, String> headers) {
        return TYPE;
    }
}
