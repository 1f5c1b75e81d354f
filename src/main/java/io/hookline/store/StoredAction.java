package io.hookline.store;

import java.time.Instant;

/**
 * One automation's action for one event (one step of a series). {@code payload} is the event's
 * payload as an enrich route left it when the action was scheduled; null when no enrich route
 * ran (the action then renders over the stored event's payload).
 */
public record StoredAction(String id, String eventId, String automation, int step, ActionStatus status,
                           Instant dueAt, int tries, String correlation, String lastError, Instant updatedAt,
                           String payload) {
}
