package io.hookline.store;

/** Filters for listing actions; null means any. */
public record ActionQuery(ActionStatus status, String automation, int limit, int offset) {
}
