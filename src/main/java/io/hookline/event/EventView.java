package io.hookline.event;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one shape of an event that routes and automations read, a Map:
 * <pre>
 * {event:   {id, source, type, provider, deliveryId, time},
 *  data:    the payload's "data" object when it has one (the Impact, Webconnex and PartnerStack
 *           envelopes), otherwise the whole payload,
 *  payload: the body the sender posted (JSON objects as Maps, arrays as Lists)}
 * </pre>
 * Routes read {@code ${body[data][reason]}}, automations {@code {{data.reason}}} and
 * {@code ${data.reason}}. {@code data} is the very object inside {@code payload}, so an enrich
 * route's {@code ${body[data].put('tier', 'gold')}} changes the payload too.
 */
public final class EventView {

    public static final String EVENT = "event";
    public static final String DATA = "data";
    public static final String PAYLOAD = "payload";

    private EventView() {
    }

    public static Map<String, Object> of(Event e, Object payload) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", e.id());
        event.put("source", e.source());
        event.put("type", e.type());
        event.put("provider", e.provider());
        event.put("deliveryId", e.deliveryId());
        event.put("time", e.receivedAt() == null ? null : e.receivedAt().toString());
        Map<String, Object> view = new LinkedHashMap<>();
        view.put(EVENT, event);
        view.put(PAYLOAD, payload);
        view.put(DATA, data(payload));
        return view;
    }

    /**
     * The body of an exchange checked to still be a view whose {@code data} is the payload's own
     * (a route changed it in place); otherwise an exception saying what the route must do instead.
     */
    public static Map<String, Object> checked(Object body) {
        if (!(body instanceof Map<?, ?> map) || !(map.get(EVENT) instanceof Map<?, ?>) || !map.containsKey(PAYLOAD)) {
            throw new IllegalStateException("the event body is no longer the event ({event, data, payload}): an enrich "
                    + "route must change ${body[data]} in place, not replace the body");
        }
        if (map.get(DATA) != data(map.get(PAYLOAD))) {
            throw new IllegalStateException("the event's data is no longer the payload's: an enrich route must change "
                    + "${body[data]} in place (${body[data].put('x', value)}), not replace it");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> view = (Map<String, Object>) map;
        return view;
    }

    private static Object data(Object payload) {
        return payload instanceof Map<?, ?> m && m.get(DATA) instanceof Map<?, ?> inner ? inner : payload;
    }
}
