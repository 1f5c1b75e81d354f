package io.hookline.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;

/**
 * Webconnex: X-Webconnex-Signature, hex HMAC-SHA256; the signature is unchanged on a resend, so
 * de-duplicate on X-Webconnex-Delivery; the type in X-Webconnex-Event, else body "eventType".
 */
public final class WebconnexProvider extends HmacProvider {

    @Override public String id() { return "webconnex"; }
    @Override public String defaultSignatureHeader() { return "X-Webconnex-Signature"; }
    @Override public String defaultDeliveryIdHeader() { return "X-Webconnex-Delivery"; }

    @Override
    public String typeLocation() {
        return "the X-Webconnex-Event header or the body's 'eventType' field";
    }

    @Override
    public String type(JsonNode body, Function<String, String> headers) {
        String header = headers.apply("X-Webconnex-Event");
        return header != null && !header.isBlank() ? header.trim() : text(body, "eventType");
    }
}
