package io.hookline.event;

import java.time.Instant;

/**
 * Which event it is: the facts fixed when it was received (or published), the same in the store,
 * the admin API, the routes and the automations. {@code source} is the configured source's name,
 * {@code provider} its provider's id; {@code deliveryId} is the sender's id of the delivery.
 */
public record Event(String id, String source, String provider, String type, String deliveryId, Instant receivedAt) {
}
