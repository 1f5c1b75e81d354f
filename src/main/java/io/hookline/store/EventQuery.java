package io.hookline.store;

/** Filters for listing events; null means any. */
public record EventQuery(String source, String type, EventStatus status, int limit, int offset) {
}
