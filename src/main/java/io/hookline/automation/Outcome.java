package io.hookline.automation;

import java.time.Duration;

/**
 * How one try of an action ended. {@code RETRY}: transient (connect error, timeout, 5xx, 429),
 * try again later, after {@code retryAfter} when the partner said so. {@code FAIL}: the request
 * itself is wrong (other 4xx, an API's error answer, a template problem): retrying cannot help.
 * {@code partnerId}: the id the partner gave what was done (recipe variable {@code partnerId}),
 * or null; {@code dryRun}: done by printing, not sending.
 */
public record Outcome(Kind kind, String detail, Duration retryAfter, String partnerId, boolean dryRun) {

    public enum Kind { DONE, RETRY, FAIL }

    public Outcome(Kind kind, String detail, Duration retryAfter) {
        this(kind, detail, retryAfter, null, false);
    }

    public static Outcome done(String detail) {
        return new Outcome(Kind.DONE, detail, null);
    }

    public static Outcome retry(String detail, Duration retryAfter) {
        return new Outcome(Kind.RETRY, detail, retryAfter);
    }

    public static Outcome fail(String detail) {
        return new Outcome(Kind.FAIL, detail, null);
    }

    public Outcome withPartnerId(String id) {
        return new Outcome(kind, detail, retryAfter, id, dryRun);
    }
}
