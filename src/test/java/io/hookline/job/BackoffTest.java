package io.hookline.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** One back-off for every kind of job: exponential, capped, jittered, and never before the other side's Retry-After. */
class BackoffTest {

    private final Backoff outbound = new Backoff(Duration.ofSeconds(30), 4.0, Duration.ofHours(4), 0.1);
    private final Backoff actions = new Backoff(Duration.ofSeconds(2), 2.0, Duration.ofMinutes(10), 0);

    @Test
    void growsExponentiallyUpToTheCap() {
        assertThat(outbound.after(1, null, 0.5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(outbound.after(2, null, 0.5)).isEqualTo(Duration.ofMinutes(2));
        assertThat(outbound.after(5, null, 0.5)).isEqualTo(Duration.ofMinutes(128));
        assertThat(outbound.after(9, null, 0.5)).isEqualTo(Duration.ofHours(4));
        assertThat(actions.after(3, null, 0.99)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void jitterMovesEachWaitByAtMostItsFraction() {
        assertThat(outbound.after(1, null, 0.0)).isEqualTo(Duration.ofSeconds(27));
        assertThat(outbound.after(1, null, 0.999999)).isBetween(Duration.ofMillis(32_999), Duration.ofSeconds(33));
    }

    @Test
    void retryAfterWinsWhenLongerAndIsCapped() {
        assertThat(actions.after(1, Duration.ofSeconds(30), 0.5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(actions.after(1, Duration.ofMillis(100), 0.5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(actions.after(1, Duration.ofHours(2), 0.5)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void retryAfterReadsSecondsAndHttpDates() {
        Instant now = Instant.parse("2026-12-03T10:00:00Z");
        assertThat(Backoff.retryAfter("120", now)).isEqualTo(Duration.ofMinutes(2));
        assertThat(Backoff.retryAfter(" 7 ", now)).isEqualTo(Duration.ofSeconds(7));
        assertThat(Backoff.retryAfter("Thu, 03 Dec 2026 10:01:30 GMT", now)).isEqualTo(Duration.ofSeconds(90));
        assertThat(Backoff.retryAfter("Thu, 03 Dec 2026 09:00:00 GMT", now)).isEqualTo(Duration.ZERO);
        assertThat(Backoff.retryAfter("soon", now)).isNull();
        assertThat(Backoff.retryAfter(null, now)).isNull();
    }
}
