package io.hookline.inbound;

import io.hookline.signature.SignatureEncoding;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A sender's profile: how it signs, where it puts the delivery id and the event type.
 * The values here are the defaults; each source may override header, encoding and prefix.
 */
public enum Provider {
    /** Gloo Impact: X-Impact-Signature, hex HMAC-SHA256 of the raw body; type in body "event". */
    IMPACT("impact", Scheme.HMAC, "X-Impact-Signature", SignatureEncoding.HEX, "X-Impact-Delivery-Id", "event"),
    /** Webconnex: X-Webconnex-Signature, hex HMAC-SHA256; unchanged on resend, so de-duplicate on X-Webconnex-Delivery. */
    WEBCONNEX("webconnex", Scheme.HMAC, "X-Webconnex-Signature", SignatureEncoding.HEX, "X-Webconnex-Delivery", "eventType"),
    /** PartnerStack: HMAC-SHA256 in X-PartnerStack-Signature (hex by default); type in body "event". */
    PARTNERSTACK("partnerstack", Scheme.HMAC, "X-PartnerStack-Signature", SignatureEncoding.HEX, null, "event"),
    /** Creator and course platforms: HMAC-SHA256 in X-Webhook-Signature (hex by default); type in body "event" or "type". */
    CREATOR("creator", Scheme.HMAC, "X-Webhook-Signature", SignatureEncoding.HEX, "X-Webhook-Id", "event"),
    /** Gleam signs nothing: the sender's address must be allow-listed. Every delivery is an entry. */
    GLEAM("gleam", Scheme.IP_ALLOW_LIST, null, null, null, null),
    /** The Standard Webhooks specification (webhook-id, webhook-timestamp, webhook-signature; or Svix's svix-*). */
    STANDARD_WEBHOOKS("standard-webhooks", Scheme.STANDARD_WEBHOOKS, "webhook-signature", SignatureEncoding.BASE64, "webhook-id", "type"),
    /** Stripe: Stripe-Signature t=…,v1=…; the event id in the body is the delivery id. */
    STRIPE("stripe", Scheme.STRIPE, "Stripe-Signature", SignatureEncoding.HEX, null, "type");

    /** Gleam's published sender addresses (seed 001). */
    public static final List<String> GLEAM_ADDRESSES = List.of("173.255.204.234", "45.79.6.209");

    /** How a provider proves a request came from it. */
    public enum Scheme { HMAC, STANDARD_WEBHOOKS, STRIPE, IP_ALLOW_LIST }

    private final String id;
    private final Scheme scheme;
    private final String signatureHeader;
    private final SignatureEncoding encoding;
    private final String deliveryIdHeader;
    private final String typeField;

    Provider(String id, Scheme scheme, String signatureHeader, SignatureEncoding encoding,
             String deliveryIdHeader, String typeField) {
        this.id = id;
        this.scheme = scheme;
        this.signatureHeader = signatureHeader;
        this.encoding = encoding;
        this.deliveryIdHeader = deliveryIdHeader;
        this.typeField = typeField;
    }

    public String id() { return id; }
    public Scheme scheme() { return scheme; }
    public boolean signed() { return scheme != Scheme.IP_ALLOW_LIST; }
    public String defaultSignatureHeader() { return signatureHeader; }
    public SignatureEncoding defaultEncoding() { return encoding; }
    public String defaultDeliveryIdHeader() { return deliveryIdHeader; }
    public String typeField() { return typeField; }

    public static String names() {
        return Arrays.stream(values()).map(Provider::id).collect(Collectors.joining(", "));
    }
}
