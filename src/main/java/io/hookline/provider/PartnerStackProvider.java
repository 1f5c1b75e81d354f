package io.hookline.provider;

/** PartnerStack: HMAC-SHA256 in X-PartnerStack-Signature (hex by default); no delivery header; type in body "event". */
public final class PartnerStackProvider extends HmacProvider {

    @Override protected String typeField() { return "event"; }
    @Override public String id() { return "partnerstack"; }
    @Override public String defaultSignatureHeader() { return "X-PartnerStack-Signature"; }
}
