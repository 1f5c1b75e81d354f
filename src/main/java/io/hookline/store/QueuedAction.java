package io.hookline.store;

/** An action with the source and type of its event: one row of the action work queue. */
public record QueuedAction(StoredAction action, String source, String type) {
}
