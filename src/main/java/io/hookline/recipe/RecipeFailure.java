package io.hookline.recipe;

import java.time.Duration;

/**
 * Thrown from a recipe when a partner answered with an error that HTTP status alone does not
 * show (Slack's {@code "ok": false} with status 200), or by a developer's recipe processor.
 * {@code transientFailure} decides whether the action is retried.
 */
public class RecipeFailure extends RuntimeException {

    private final boolean transientFailure;
    private final Duration retryAfter;

    public RecipeFailure(String message, boolean transientFailure, Duration retryAfter) {
        super(message);
        this.transientFailure = transientFailure;
        this.retryAfter = retryAfter;
    }

    /** A permanent failure (what {@code throwException} in a YAML recipe creates). */
    public RecipeFailure(String message) {
        this(message, false, null);
    }

    public static RecipeFailure permanent(String message) {
        return new RecipeFailure(message, false, null);
    }

    public static RecipeFailure retryable(String message, Duration retryAfter) {
        return new RecipeFailure(message, true, retryAfter);
    }

    public boolean isTransient() {
        return transientFailure;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
