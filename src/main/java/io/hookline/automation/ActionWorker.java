package io.hookline.automation;

import io.hookline.job.JobHandler;
import io.hookline.job.JobOutcome;
import io.hookline.job.LeasedJobs;
import io.hookline.store.ActionAttempt;
import io.hookline.store.ActionStatus;
import io.hookline.store.ActionStore;
import io.hookline.store.StoredAction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs due actions: one poller claims them from the store (under a lease, so another instance
 * never runs the same one) and hands them to a pool of workers. A transient failure is tried
 * again after an exponential back-off (or the partner's Retry-After), up to
 * {@code hookline.automations.retry.max-attempts} tries; then the action is parked as failed.
 * Every try is recorded. Pending actions live in the store, so retries and the later steps of
 * a series survive restarts. The threads, the lease and shutdown are the {@link LeasedJobs}
 * engine's; this class is the action's {@link JobHandler}.
 */
@Component
public class ActionWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ActionWorker.class);

    /** A try of an action: the action as claimed, and when the try started (set when it runs). */
    private static final class Try {
        final StoredAction action;
        Instant started;

        Try(StoredAction action) {
            this.action = action;
        }
    }

    private final ActionStore store;
    private final ActionRunner runner;
    private final Clock clock;
    private final AutomationProperties.Automations config;
    private final MeterRegistry meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final LeasedJobs<Try, ActionResult> jobs;
    private volatile boolean running;
    private boolean loaded;

    public ActionWorker(ActionStore store, ActionRunner runner, Clock clock, AutomationProperties properties,
                        MeterRegistry meters) {
        this.store = store;
        this.runner = runner;
        this.clock = clock;
        this.config = properties.automations();
        this.meters = meters;
        int workers = config.workers();
        // Claims only what free workers take at once: an action never waits in memory under its lease.
        this.jobs = new LeasedJobs<>(new LeasedJobs.Settings("hookline-action", "hookline-action-poller", "hookline.actions",
                workers, config.lease(), config.pollInterval(), workers, workers, workers - 1,
                LeasedJobs.ClaimAgain.WHEN_FULL, 0, null, Duration.ofSeconds(10)), new Actions(), clock, meters);
    }

    /** New actions were scheduled: look now rather than at the next poll. */
    public void wake() {
        jobs.wake();
    }

    /**
     * The automations are loaded and their routes run (before the web server and this worker's
     * own lifecycle start): actions run once both have happened, in either order.
     */
    synchronized void begin() {
        loaded = true;
        launch();
    }

    private synchronized void launch() {
        if (running && loaded) jobs.start();
    }

    /** Actions as jobs of the {@link LeasedJobs} engine. */
    private final class Actions implements JobHandler<Try, ActionResult> {

        @Override
        public String key(Try job) {
            return job.action.id();
        }

        @Override
        public String describe(Try job) {
            return "action " + job.action.id() + " (" + job.action.automation() + ")";
        }

        @Override
        public List<Try> claim(int n, Instant now, Instant leaseUntil, Set<String> held) {
            return store.claimDue(now, leaseUntil, n, held).stream().map(Try::new).toList();
        }

        @Override
        public JobOutcome<ActionResult> run(Try job) {
            job.started = clock.instant();
            JobOutcome<ActionResult> outcome;
            try {
                outcome = runner.run(job.action);
            } catch (RuntimeException e) {
                outcome = JobOutcome.failed(e.getClass().getSimpleName() + ": " + e.getMessage(), ActionResult.NONE);
            }
            // Interrupted by shutdown rather than failed: due again at the next start.
            return jobs.isRunning() ? outcome : JobOutcome.interrupted();
        }

        @Override
        public CompletionStage<?> record(Try job, JobOutcome<ActionResult> outcome) {
            ActionWorker.this.record(job.action, outcome, job.started, clock.instant());
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void release(List<Try> jobs) {
            jobs.forEach(t -> store.release(t.action.id()));
        }
    }

    private void record(StoredAction action, JobOutcome<ActionResult> outcome, Instant started, Instant finished) {
        int tries = action.tries() + 1;
        AutomationProperties.Retry retry = config.retry();
        switch (outcome.kind()) {
            case DONE -> {
                String done = outcome.result().dryRun() ? "dry-run" : "done";
                store.record(action, ActionStatus.DONE, action.dueAt(), null,
                        new ActionAttempt(0, started, finished, done, outcome.detail()));
                count(action, "done");
                // One line per finished action: never the detail (a dry run's detail is the message itself).
                log.info("Automation {} on event {}: {}{}", action.automation(), action.eventId(), done,
                        outcome.result().partnerId() == null ? "" : " (partner id " + outcome.result().partnerId() + ")");
            }
            case RETRY -> {
                if (tries < retry.maxAttempts()) {
                    Duration wait = retry.backoff().after(tries, outcome.retryAfter(), 0.5);
                    Instant next = finished.plus(wait);
                    log.info("Automation {} on event {}: try {} failed ({}); next try at {}", action.automation(),
                            action.eventId(), tries, outcome.detail(), next);
                    store.record(action, ActionStatus.PENDING, next, outcome.detail(),
                            new ActionAttempt(0, started, finished, "retry", outcome.detail()));
                    count(action, "retry");
                } else {
                    fail(action, "gave up after " + tries + " tries: " + outcome.detail(), started, finished);
                }
            }
            case FAILED -> fail(action, outcome.detail(), started, finished);
            case INTERRUPTED -> throw new IllegalArgumentException("an interrupted try is not recorded");
        }
    }

    private void fail(StoredAction action, String reason, Instant started, Instant finished) {
        log.warn("Automation {} on event {}: failed: {} (replay: POST /api/events/{}/replay?automation={})",
                action.automation(), action.eventId(), reason, action.eventId(), action.automation());
        store.record(action, ActionStatus.FAILED, action.dueAt(), reason, new ActionAttempt(0, started, finished, "failed", reason));
        count(action, "failed");
    }

    private void count(StoredAction action, String outcome) {
        counters.computeIfAbsent(action.automation() + '\u0000' + outcome, k -> Counter.builder("hookline.actions")
                .description("Automation action tries, by automation and outcome")
                .tag("automation", action.automation()).tag("outcome", outcome).register(meters)).increment();
    }

    @Override
    public synchronized void start() {
        running = true;
        launch();
    }

    /** No more claims; the actions running finish (up to 10 s): one cut short by shutdown is given back. */
    @Override
    public synchronized void stop() {
        running = false;
        jobs.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops with the event dispatcher, before the web server and the database. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
