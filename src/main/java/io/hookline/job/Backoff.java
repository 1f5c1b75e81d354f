package io.hookline.job;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The wait before the next try of any background job (automation actions, outbound deliveries):
 * {@code initial × multiplier^(attempt−1)}, capped at {@code max}, moved at random by up to
 * {@code jitter} of itself either way (so that many retries spread out), and never shorter than
 * the other side's Retry-After — itself capped at {@code max}.
 */
public record Backoff(Duration initial, double multiplier, Duration max, double jitter) {

    /**
     * The wait after the given failed attempt (1-based); {@code retryAfter} is what the other side
     * asked for (null: nothing), {@code random} a number in [0, 1).
     */
    public Duration after(int attempt, Duration retryAfter, double random) {
        double millis = Math.min(initial.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1)), max.toMillis());
        Duration wait = Duration.ofMillis(Math.round(millis * (1 + jitter * (2 * random - 1))));
        if (retryAfter == null || retryAfter.compareTo(wait) <= 0) return wait;
        return retryAfter.compareTo(max) > 0 ? max : retryAfter;
    }

    /** The Retry-After of an answer's headers (any case), as {@link #retryAfter(String, Instant)} reads it. */
    public static Duration retryAfterOf(java.util.Map<String, String> headers, Instant now) {
        if (headers == null) return null;
        return retryAfter(headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Retry-After"))
                .map(java.util.Map.Entry::getValue).findFirst().orElse(null), now);
    }

    /** A Retry-After header's value, as seconds or as an HTTP date; null when absent or unreadable. */
    public static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) return null;
        String v = value.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
        } catch (NumberFormatException e) {
            try {
                Duration d = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException ignored) {
                return null;
            }
        }
    }
}
