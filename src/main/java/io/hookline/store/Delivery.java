package io.hookline.store;

import java.time.Instant;

/** One published event to one webhook; {@code id} is the delivery id the receiver sees on every attempt. */
public record Delivery(String id, String messageId, String webhookId, String event, String status, int tries,
                       Instant nextAttemptAt, String lastError, Instant createdAt, Instant updatedAt, int attemptCount) {

    public static final String PENDING = "pending";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
}
