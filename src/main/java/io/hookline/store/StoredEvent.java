package io.hookline.store;

import io.hookline.event.Event;
import java.time.Instant;

/**
 * An event as the store holds it: which event it is, its status, the payload and headers as
 * received (JSON text), its schema violations (JSON text, or null), and where its processing
 * stands: attempts so far, when the last one finished and its error.
 */
public record StoredEvent(Event event, EventStatus status, String payload, String headers, String validationErrors,
                          int attempts, Instant finishedAt, String lastError) {
}
