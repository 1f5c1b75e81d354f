package io.hookline.store;

/**
 * Filters for listing events; null means any. {@code automationStatus}: events with at least one
 * automation action in that state.
 */
public record EventQuery(String source, String type, EventStatus status, ActionStatus automationStatus, int limit,
                         int offset) {
}
