package io.hookline.job;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * One kind of background work run by {@link LeasedJobs}: what it claims from the store, how it runs
 * one job and how it records the outcome. {@code J} is a job as claimed (or handed over), {@code R}
 * what a run records besides its {@link JobOutcome}.
 */
public interface JobHandler<J, R> {

    /** The job's id in the store (the held set and the log speak of it). */
    String key(J job);

    /** For the log: "event 0193…", "action 0193… (welcome-mail)". */
    default String describe(J job) {
        return key(job);
    }

    /**
     * Takes up to {@code n} due jobs under a lease until {@code leaseUntil}, none of those in
     * {@code held}: no other worker or instance may take them until the lease runs out.
     */
    List<J> claim(int n, Instant now, Instant leaseUntil, Set<String> held);

    /** One try. An exception is logged with its stack trace and the job let go (its lease runs out). */
    JobOutcome<R> run(J job);

    /**
     * Records the outcome (never {@code INTERRUPTED}). The job is held until the returned stage
     * completes: its lease covers the time its outcome takes to be written.
     */
    CompletionStage<?> record(J job, JobOutcome<R> outcome);

    /** Gives back jobs held but not run to the end (shutdown, a lease too far gone): due again at once. */
    void release(List<J> jobs);

    /** Extends the lease of the jobs this instance holds (only when {@link LeasedJobs.Settings#renewEvery} is set). */
    default void renew(Set<String> held, Instant leaseUntil) {
    }

    /** When the next job comes due in the store, if known: the poller sleeps no longer than that. */
    default Optional<Instant> nextDue() {
        return Optional.empty();
    }
}
