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
    CANCELLED,
    /**
     * A trace, not an action: the automation listens to the event but its {@code when} filter was
     * false. Never run, never replayed, never counted as pending or failed; becomes pending if a
     * replay of the event finds the filter true.
     */
    SKIPPED;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ActionStatus of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
