package io.hookline.store;

import java.time.Instant;

/** An event as the store holds it. */
public record StoredEvent(String id, String source, String provider, String type, String deliveryId,
                          EventStatus status, Instant receivedAt, String payload, String headers,
                          String validationErrors, int attempts, Instant finishedAt, String lastError) {
}
