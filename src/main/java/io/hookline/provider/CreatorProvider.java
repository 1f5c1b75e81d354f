package io.hookline.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;

/** Creator and course platforms: HMAC-SHA256 in X-Webhook-Signature; X-Webhook-Id; type in body "event" or "type". */
public final class CreatorProvider extends HmacProvider {

    @Override public String id() { return "creator"; }
    @Override public String defaultSignatureHeader() { return "X-Webhook-Signature"; }
    @Override public String defaultDeliveryIdHeader() { return "X-Webhook-Id"; }

    @Override
    public String typeLocation() {
        return "the body's 'event' or 'type' field";
    }

    @Override
    public String type(JsonNode body, Function<String, String> headers) {
        String event = text(body, "event");
        return event != null ? event.trim() : text(body, "type");
    }
}
