package io.hookline.automation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What templates and {@code when} filters see of an event: {@code event} (id, source, type,
 * provider, deliveryId, time), {@code payload} (the body the sender posted) and {@code data}
 * (the payload's {@code data} object when it has one, as the Impact, Webconnex and PartnerStack
 * envelopes do; otherwise the whole payload).
 */
public final class EventView {

    private EventView() {
    }

    public static Map<String, Object> of(String id, String source, String provider, String type, String deliveryId,
                                         Object time, Object payload) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", id);
        event.put("source", source);
        event.put("type", type);
        event.put("provider", provider);
        event.put("deliveryId", deliveryId);
        event.put("time", time == null ? null : time.toString());
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("event", event);
        view.put("payload", payload);
        view.put("data", payload instanceof Map<?, ?> m && m.get("data") instanceof Map<?, ?> inner ? inner : payload);
        return view;
    }
}
