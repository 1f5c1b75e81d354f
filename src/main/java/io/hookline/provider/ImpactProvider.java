package io.hookline.provider;

/** Gloo Impact: X-Impact-Signature, hex HMAC-SHA256 of the raw body; X-Impact-Delivery-Id; type in body "event". */
public final class ImpactProvider extends HmacProvider {

    @Override protected String typeField() { return "event"; }
    @Override public String id() { return "impact"; }
    @Override public String defaultSignatureHeader() { return "X-Impact-Signature"; }
    @Override public String defaultDeliveryIdHeader() { return "X-Impact-Delivery-Id"; }
}
