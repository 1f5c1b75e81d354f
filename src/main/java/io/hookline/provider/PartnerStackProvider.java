package io.hookline.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;

/** PartnerStack: HMAC-SHA256 in X-PartnerStack-Signature (hex by default); no delivery header; type in body "event". */
public final class PartnerStackProvider extends HmacProvider {

    @Override public String id() { return "partnerstack"; }
    @Override public String defaultSignatureHeader() { return "X-PartnerStack-Signature"; }

    @Override
    public String typeLocation() {
        return "the body's 'event' field";
    }

    @Override
    public String type(JsonNode body, Function<String, String> headers) {
        return text(body, "event");
    }
}
