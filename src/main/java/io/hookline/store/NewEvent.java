package io.hookline.store;

import java.time.Instant;

/** An event about to be stored; {@code leaseUntil} is null for events that will not be processed. */
public record NewEvent(String id, String source, String provider, String type, String deliveryId,
                       EventStatus status, Instant receivedAt, String payload, String headers,
                       String validationErrors, Instant leaseUntil) {
}
