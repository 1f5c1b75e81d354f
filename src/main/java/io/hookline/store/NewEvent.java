package io.hookline.store;

import io.hookline.event.Event;
import java.time.Instant;

/**
 * An event about to be stored: which event it is, its first status, the payload and headers as
 * received (JSON text), the schema violations of a quarantined one (JSON text, else null), and
 * {@code leaseUntil}, null for events that will not be processed.
 */
public record NewEvent(Event event, EventStatus status, String payload, String headers, String validationErrors,
                       Instant leaseUntil) {
}
