package io.hookline.job;

import java.time.Duration;

/**
 * How one run of a job ended. {@code DONE}; {@code RETRY}: a transient failure, to try again later,
 * no sooner than {@code retryAfter} when the other side said so (see {@link Backoff}); {@code FAILED}:
 * trying again cannot help; {@code INTERRUPTED}: cut short by shutdown, not the job's fault: nothing
 * is recorded and the job is given back ({@link JobHandler#release}). {@code detail} says what
 * happened (for the history and the log); {@code result} is what the kind of job records besides
 * (an attempt's request and answer, a partner's id, …), or null.
 */
public record JobOutcome<R>(Kind kind, String detail, Duration retryAfter, R result) {

    public enum Kind { DONE, RETRY, FAILED, INTERRUPTED }

    public static <R> JobOutcome<R> done(String detail, R result) {
        return new JobOutcome<>(Kind.DONE, detail, null, result);
    }

    public static <R> JobOutcome<R> retry(String detail, Duration retryAfter, R result) {
        return new JobOutcome<>(Kind.RETRY, detail, retryAfter, result);
    }

    public static <R> JobOutcome<R> failed(String detail, R result) {
        return new JobOutcome<>(Kind.FAILED, detail, null, result);
    }

    public static <R> JobOutcome<R> interrupted() {
        return new JobOutcome<>(Kind.INTERRUPTED, "interrupted by shutdown", null, null);
    }
}
