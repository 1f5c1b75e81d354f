package io.hookline.processing;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The normalised form every route receives: a CloudEvents 1.0 event (JSON format) as a Map,
 * so that routes can read {@code ${body[data][applicantEmail]}} in Simple, or marshal it to JSON.
 * {@code data} is the sender's payload (JSON objects as Maps, arrays as Lists); {@code deliveryid} and
 * {@code provider} are extension attributes.
 */
public final class CloudEvents {
    public static final String SPEC_VERSION = "1.0";

    private CloudEvents() {}

    public static Map<String, Object> of(String id, String source, String provider, String type, String deliveryId,
                                         Instant time, Map<String, Object> data) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", SPEC_VERSION);
        event.put("id", id);
        event.put("source", "/webhooks/" + source);
        event.put("type", type);
        event.put("time", time.toString());
        event.put("datacontenttype", "application/json");
        event.put("deliveryid", deliveryId);
        event.put("provider", provider);
        event.put("data", data);
        return event;
    }
}
