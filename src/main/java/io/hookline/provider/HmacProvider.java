package io.hookline.provider;

import io.hookline.signature.HmacSha256;
import io.hookline.signature.HmacVerifier;
import io.hookline.signature.SignatureEncoding;
import io.hookline.signature.SignatureVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The scheme Impact, Webconnex, PartnerStack and the creator platforms share: one header holding
 * the HMAC-SHA256 of the raw body (hex by default). Each provider names its headers and type field.
 */
public abstract class HmacProvider extends Provider {

    @Override
    public SignatureVerifier verifier(SourceSettings s, Clock clock) {
        return new HmacVerifier(header(s), encoding(s), s.signaturePrefix(), s.secrets());
    }

    @Override
    public Map<String, String> sign(byte[] body, String secret, String deliveryId, Instant now, SourceSettings s) {
        Map<String, String> headers = new LinkedHashMap<>();
        String prefix = s.signaturePrefix() == null ? "" : s.signaturePrefix();
        headers.put(header(s), prefix + encoding(s).encode(HmacSha256.sign(secret.getBytes(StandardCharsets.UTF_8), body)));
        String deliveryHeader = s.deliveryIdHeader() != null ? s.deliveryIdHeader() : defaultDeliveryIdHeader();
        if (deliveryHeader != null) headers.put(deliveryHeader, deliveryId);
        return headers;
    }

    @Override
    public String scheme(SourceSettings s) {
        String prefix = s.signaturePrefix() == null || s.signaturePrefix().isEmpty() ? ""
                : ", after the prefix '" + s.signaturePrefix() + "'";
        return "HMAC-SHA256 of the raw body, " + encoding(s).name().toLowerCase(java.util.Locale.ROOT) + prefix
                + ", in the " + header(s) + " header";
    }

    private String header(SourceSettings s) {
        return s.signatureHeader() != null ? s.signatureHeader() : defaultSignatureHeader();
    }

    private static SignatureEncoding encoding(SourceSettings s) {
        return s.signatureEncoding() != null ? s.signatureEncoding() : SignatureEncoding.HEX;
    }
}
