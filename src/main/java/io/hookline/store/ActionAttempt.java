package io.hookline.store;

import java.time.Instant;

/** One try of an action: {@code outcome} is done, retry, failed or dry-run; {@code detail} says why or what. */
public record ActionAttempt(int attempt, Instant startedAt, Instant finishedAt, String outcome, String detail) {
}
