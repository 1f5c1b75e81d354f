package io.hookline.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookline.signature.SignatureVerifier;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Everything Hookline knows of one sending platform: how it proves a request is its own, where
 * its event type and delivery id are, which of its headers must never be stored, its defaults
 * and the checks of a source's settings. Adding a provider is a subclass, a line in
 * META-INF/services/io.hookline.provider.Provider, and its catalogue files (docs/architecture.md).
 */
public abstract class Provider {

    /** Shorter signing secrets are refused (so is a shorter admin token): 128 bits of a random value. */
    public static final int MIN_SECRET_LENGTH = 16;

    /** The name used in configuration ({@code provider: impact}) and in the catalogue's folder. */
    public abstract String id();

    /** The verifier of a source of this provider, its settings applied over the defaults. */
    public abstract SignatureVerifier verifier(SourceSettings settings, Clock clock);

    /**
     * Headers that would sign a request for this source, for tests and "send a test" over HTTP:
     * the provider's own scheme, with the source's header and encoding.
     */
    public abstract Map<String, String> sign(byte[] body, String secret, String deliveryId, Instant now, SourceSettings settings);

    /** The body field holding the event type, for providers that put it in one field (see {@link #type}). */
    protected String typeField() {
        return "type";
    }

    /** The event type of a delivery, or null when it does not say (the event is then quarantined). */
    public String type(JsonNode body, Function<String, String> headers) {
        return text(body, typeField());
    }

    /** Where {@link #type} looks, in words for error messages: e.g. "the body's 'event' field". */
    public String typeLocation() {
        return "the body's '" + typeField() + "' field";
    }

    /** Whether requests carry a signature (otherwise the sender's address is the proof). */
    public boolean signed() {
        return true;
    }

    /** Header of the sender's delivery id by default (null: none; the body or its hash identifies it). */
    public String defaultDeliveryIdHeader() {
        return null;
    }

    /** Header of the signature by default, shown in the console and docs (null when unsigned). */
    public abstract String defaultSignatureHeader();

    /**
     * How a request of a source with these settings proves it is the sender's, in words for the
     * console: the scheme, header, encoding and prefix, or the allowed addresses. Never a secret
     * (nor how many or how long they are).
     */
    public String scheme(SourceSettings settings) {
        String header = settings.signatureHeader() != null ? settings.signatureHeader() : defaultSignatureHeader();
        return signed() ? "a signature in the " + header + " header" : "no signature";
    }

    /** A tolerance in words: "5 min", "90 s". */
    protected static String words(java.time.Duration d) {
        if (d == null) return "the default tolerance";
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    /**
     * The sender's id of this delivery, or null. {@code header} is the source's delivery-id header
     * (configured or default). The body-hash fallback is the caller's, for every provider alike.
     */
    public String deliveryId(JsonNode body, Function<String, String> headers, String header) {
        return header == null ? null : headers.apply(header);
    }

    /** Headers holding this provider's proof: never stored, never shown. */
    public List<String> secretHeaders() {
        return List.of();
    }

    /** Sender addresses allowed when a source names none. */
    public List<String> defaultAllowedIps() {
        return List.of();
    }

    /**
     * Problems with a source's settings, each a sentence starting with the key ({@code key} is
     * e.g. {@code hookline.sources[impact]}); never a secret's value.
     */
    public void check(String key, SourceSettings settings, List<String> problems) {
        if (signed() && (settings.secrets().isEmpty() || settings.secrets().stream().anyMatch(s -> s == null || s.isBlank()))) {
            problems.add(key + ".secrets needs at least one non-empty signing secret for provider " + id());
        }
        for (int i = 0; i < settings.secrets().size(); i++) {
            String secret = settings.secrets().get(i);
            if (secret != null && !secret.isBlank() && secret.length() < MIN_SECRET_LENGTH) {
                problems.add(key + ".secrets[" + i + "] is shorter than " + MIN_SECRET_LENGTH
                        + " characters: too easy to guess; use the secret the provider generated");
            }
        }
    }

    /** A text field of the body, or null when absent, not text, or blank. */
    public static String text(JsonNode json, String field) {
        JsonNode v = json.get(field);
        return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }

    @Override
    public String toString() {
        return id();
    }
}
