package io.hookline.validation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The problems a {@link SelfChecked} type found, each with the key it is about. */
public final class Checks {

    /** {@code field} is relative to the checked type (e.g. {@code outbound.lease}); null for a global problem. */
    record Problem(String field, String message) {
    }

    private final List<Problem> problems = new ArrayList<>();

    /**
     * A problem with one key. Spring Boot prints it with the key and its value: never for a key
     * that holds a secret (use {@link #global}).
     */
    public void field(String field, String message) {
        problems.add(new Problem(field, message));
    }

    /** A problem printed as it is, with no value: the message names the key itself. */
    public void global(String message) {
        problems.add(new Problem(null, message));
    }

    List<Problem> problems() {
        return problems;
    }

    public static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }
}
