package io.hookline.store;

import java.time.Instant;

/** One automation's action for one event (one step of a series). */
public record StoredAction(String id, String eventId, String automation, int step, ActionStatus status,
                           Instant dueAt, int tries, String correlation, String lastError, Instant updatedAt) {
}
