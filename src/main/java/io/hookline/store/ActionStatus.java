package io.hookline.store;

import java.util.Locale;

/** Where an automation's action for an event stands. */
public enum ActionStatus {
    /** Due now or later (first try, a retry, or a later step of a series). */
    PENDING,
    /** Sent (or printed, in a dry run). */
    DONE,
    /** Gave up: a permanent failure or the last retry failed; replayable. */
    FAILED,
    /** A later event cancelled this step of a series before it was due. */
    CANCELLED;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ActionStatus of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
