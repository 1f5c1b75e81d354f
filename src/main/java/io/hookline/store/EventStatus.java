package io.hookline.store;

import java.util.Locale;

/** Where an event stands. Stored and shown in lower case. */
public enum EventStatus {
    /** Stored, not yet processed (or being processed). */
    ACCEPTED,
    /** Its routes ran to the end. */
    PROCESSED,
    /** Its routes failed; replay re-runs them. */
    FAILED,
    /** Verified, but its payload breaks the catalogue schema: stored, not processed. */
    QUARANTINED;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EventStatus of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
