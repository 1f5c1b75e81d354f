package io.hookline.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;

/** Gloo Impact: X-Impact-Signature, hex HMAC-SHA256 of the raw body; X-Impact-Delivery-Id; type in body "event". */
public final class ImpactProvider extends HmacProvider {

    @Override public String id() { return "impact"; }
    @Override public String defaultSignatureHeader() { return "X-Impact-Signature"; }
    @Override public String defaultDeliveryIdHeader() { return "X-Impact-Delivery-Id"; }

    @Override
    public String typeLocation() {
        return "the body's 'event' field";
    }

    @Override
    public String type(JsonNode body, Function<String, String> headers) {
        return text(body, "event");
    }
}
