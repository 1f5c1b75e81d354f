package io.hookline.store;

/** The outcome of storing a delivery: its event id, and whether that delivery was already stored. */
public record AppendResult(String id, boolean duplicate) {
}
