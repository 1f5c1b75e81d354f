package io.hookline.store;

import java.time.Instant;
import java.util.List;

/** A subscriber URL and what it receives. */
public record Webhook(String id, String nickname, String url, List<String> events, boolean enabled, String signature,
                      String secret, String previousSecret, Instant previousSecretUntil, String origin,
                      Instant failingSince, String disabledReason, Instant createdAt, Instant updatedAt) {

    public boolean receives(String event) {
        return events.contains("*") || events.contains(event);
    }
}
