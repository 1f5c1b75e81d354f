package io.hookline.store;

import java.time.Instant;

/** One processing attempt of an event. */
public record Attempt(int attempt, Instant startedAt, Instant finishedAt, String outcome, String error) {
}
