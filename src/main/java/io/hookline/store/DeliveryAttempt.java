package io.hookline.store;

import java.time.Instant;

/** One HTTP attempt of a delivery: what was sent (headers; the body is the message's) and what came back. */
public record DeliveryAttempt(int attempt, Instant scheduledAt, Instant startedAt, long durationMs, String requestHeaders,
                              Integer responseStatus, String responseHeaders, String responseBody, String error) {
}
