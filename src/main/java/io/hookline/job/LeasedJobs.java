package io.hookline.job;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one engine for background work held under a lease in the store (event processing, automation
 * actions, outbound deliveries). One poller thread claims due jobs from the store through the
 * {@link JobHandler} and queues them ahead of new work; {@code workers} threads run them, at most
 * that many at once, and record each outcome. New work can be handed straight to the workers by
 * whoever just stored it under this instance's lease ({@link #reserve}, {@link #handOver}), without
 * a claim; past {@code handOverCapacity} it is left to the store, where the poller finds it.
 *
 * <p>A job is <em>held</em> from its claim (or hand-over) until its outcome is written: the held
 * set is what a claim skips and, with {@code renewEvery}, what the poller keeps leased however long
 * it waits. Without renewal, a job that waited so long that less than half its lease is left is
 * given back to the store rather than run (another instance could take it meanwhile).
 *
 * <p>The poller claims while fewer than {@code claimLow + 1} claimed jobs are in flight, up to
 * {@code claimHigh} in flight and {@code claimBatch} per claim; when a claimed job ends and brings
 * the count down to {@code claimLow}, it wakes the poller, which otherwise sleeps until {@link #wake},
 * the next due time the handler knows of, or {@code pollInterval}.
 *
 * <p>Shutdown ({@link #stop}), in this order: no more claims (the poller ends), the workers finish
 * the job they run (up to {@code stopWait}), then whatever is still queued is given back
 * ({@link JobHandler#release}). An exception out of a handler is logged with its stack trace and
 * the job let go; its lease runs out and it is tried again.
 *
 * <p>Metrics, under the given prefix: {@code <prefix>.jobs.held} and {@code <prefix>.jobs.queued}
 * (gauges) and {@code <prefix>.jobs.errors} (handler exceptions).
 */
public final class LeasedJobs<J, R> {

    private static final Logger log = LoggerFactory.getLogger(LeasedJobs.class);

    /** When the poller claims again at once rather than sleep. */
    public enum ClaimAgain { NEVER, WHEN_ANY, WHEN_FULL }

    /**
     * @param name         thread names: {@code name-0…} for the workers
     * @param pollerName   the poller's thread name
     * @param metrics      prefix of the engine's metrics
     * @param renewEvery   how often the poller renews the lease of held jobs; null: never
     * @param stopWait     how long {@link #stop} waits for the running jobs, in all
     */
    public record Settings(String name, String pollerName, String metrics, int workers, Duration lease,
                           Duration pollInterval, int claimBatch, int claimHigh, int claimLow, ClaimAgain claimAgain,
                           int handOverCapacity, Duration renewEvery, Duration stopWait) {
    }

    private final Settings settings;
    private final JobHandler<J, R> handler;
    private final Clock clock;
    private final JobQueue<J> queue;
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final Semaphore wakeUp = new Semaphore(0);
    private final Counter errors;
    private final List<Thread> workers = new ArrayList<>();
    private Thread poller;
    private volatile boolean running;

    public LeasedJobs(Settings settings, JobHandler<J, R> handler, Clock clock, MeterRegistry meters) {
        this.settings = settings;
        this.handler = handler;
        this.clock = clock;
        this.queue = new JobQueue<>(settings.handOverCapacity());
        Gauge.builder(settings.metrics() + ".jobs.held", held, Set::size)
                .description("Jobs this instance holds under its lease (queued, running, outcome being written)")
                .register(meters);
        Gauge.builder(settings.metrics() + ".jobs.queued", queue, JobQueue::size)
                .description("Jobs waiting for a worker").register(meters);
        this.errors = Counter.builder(settings.metrics() + ".jobs.errors")
                .description("Unexpected exceptions while running or recording a job").register(meters);
    }

    public boolean isRunning() {
        return running;
    }

    /** Whether this instance holds the job (queued, running, or its outcome not yet written). */
    public boolean holds(String key) {
        return held.contains(key);
    }

    /** New work became due in the store: look now rather than at the next poll. */
    public void wake() {
        wakeUp.release();
    }

    /**
     * Until when this instance would hold {@code n} new jobs handed over to it, or null when it has no
     * room for them (or is not running): they are then left to the store, whose poller finds them due.
     */
    public Instant reserve(int n, Instant now) {
        return running && queue.reserve(n) ? now.plus(settings.lease()) : null;
    }

    /** Gives back a {@link #reserve} that was not used. */
    public void unreserve(int n) {
        queue.unreserve(n);
    }

    /** New jobs, stored under the lease {@link #reserve} gave: run as soon as a worker is free. */
    public void handOver(List<J> jobs, Instant leaseUntil) {
        List<JobQueue.Task<J>> tasks = new ArrayList<>(jobs.size());
        for (J job : jobs) {
            held.add(handler.key(job));
            tasks.add(new JobQueue.Task<>(job, true, leaseUntil));
        }
        queue.addNew(tasks);
    }

    /**
     * One new job, already stored under this instance's lease until {@code leaseUntil}, whether or not
     * the engine runs yet; false when there is no room (it is left to the store).
     */
    public boolean offer(J job, Instant leaseUntil) {
        if (!queue.reserve(1)) return false;
        handOver(List.of(job), leaseUntil);
        return true;
    }

    /** Takes the queued jobs that match out (they are not to run any more); answers how many. */
    public int forget(Predicate<J> which) {
        List<JobQueue.Task<J>> removed = queue.remove(which);
        removed.forEach(t -> held.remove(handler.key(t.job())));
        return removed.size();
    }

    public synchronized void start() {
        if (running) return;
        running = true;
        for (int i = 0; i < settings.workers(); i++) {
            Thread t = new Thread(this::work, settings.name() + "-" + i);
            t.setDaemon(true);
            t.start();
            workers.add(t);
        }
        poller = new Thread(this::poll, settings.pollerName());
        poller.setDaemon(true);
        poller.start();
    }

    /** No more claims; the running jobs finish (up to {@code stopWait}); what is still queued is given back. */
    public synchronized void stop() {
        if (!running) return;
        running = false;
        if (poller != null) {
            // Woken, not interrupted: interrupting a thread in H2's file I/O closes H2's file channel, and
            // with it the database for every other thread still finishing its work.
            wakeUp.release();
            try {
                poller.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        poller = null;
        long deadline = System.nanoTime() + settings.stopWait().toNanos();
        for (Thread t : workers) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
        List<J> rest = queue.drain().stream().map(JobQueue.Task::job).toList();
        rest.forEach(j -> held.remove(handler.key(j)));
        if (rest.isEmpty()) return;
        try {
            handler.release(rest);
        } catch (RuntimeException e) {
            log.warn("Could not give back {} jobs not yet run ({}): {}; they are taken again when their lease ends",
                    rest.size(), settings.name(), e.toString());
        }
    }

    private void poll() {
        Instant nextRenewal = Instant.MIN;
        while (running) {
            try {
                Instant now = clock.instant();
                if (settings.renewEvery() != null && !now.isBefore(nextRenewal)) {
                    // Heartbeat: what this instance still holds (queued, running, outcome not yet written)
                    // keeps its lease, so no other instance takes it however long it waits.
                    handler.renew(Set.copyOf(held), now.plus(settings.lease()));
                    nextRenewal = now.plus(settings.renewEvery());
                }
                int inFlight = queue.dueInFlight();
                if (inFlight <= settings.claimLow()) {
                    int room = Math.min(settings.claimHigh() - inFlight, settings.claimBatch());
                    if (room > 0) {
                        Instant leaseUntil = now.plus(settings.lease());
                        List<J> due = handler.claim(room, now, leaseUntil, held);
                        for (J job : due) {
                            held.add(handler.key(job));
                            queue.addDue(new JobQueue.Task<>(job, false, leaseUntil));
                        }
                        boolean again = switch (settings.claimAgain()) {
                            case NEVER -> false;
                            case WHEN_ANY -> !due.isEmpty();
                            case WHEN_FULL -> due.size() == room;
                        };
                        if (again) continue;
                    }
                }
                wakeUp.tryAcquire(sleepMillis(), TimeUnit.MILLISECONDS);
                wakeUp.drainPermits();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("{}: could not look for due work: {}", settings.pollerName(), e.toString());
                try {
                    wakeUp.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** Until the next job due in the store, at most the poll interval: retries run on time. */
    private long sleepMillis() {
        long max = settings.pollInterval().toMillis();
        if (queue.dueInFlight() > settings.claimLow()) return max; // a finishing job wakes the poller
        return handler.nextDue().map(t -> Math.max(1, Math.min(max, Duration.between(clock.instant(), t).toMillis())))
                .orElse(max);
    }

    private void work() {
        while (running) {
            JobQueue.Task<J> task;
            try {
                task = queue.take(200);
            } catch (InterruptedException e) {
                return;
            }
            if (task == null) continue;
            try {
                runOne(task);
            } finally {
                queue.done(task);
                // The claimed batch is running out: have the poller claim the next one now, not at its next poll.
                if (!task.handedOver() && queue.dueInFlight() == settings.claimLow()) wakeUp.release();
            }
        }
    }

    private void runOne(JobQueue.Task<J> task) {
        J job = task.job();
        String key = handler.key(job);
        boolean holding = true;
        try {
            if (settings.renewEvery() == null
                    && Duration.between(clock.instant(), task.leaseUntil()).compareTo(settings.lease().dividedBy(2)) < 0) {
                // Waited so long that the lease could run out while it runs, and another worker take it too:
                // give it back to the store, due at once, where the poller claims it under a fresh lease.
                handler.release(List.of(job));
                wake();
                return;
            }
            JobOutcome<R> outcome = handler.run(job);
            if (outcome.kind() == JobOutcome.Kind.INTERRUPTED) {
                handler.release(List.of(job));
                return;
            }
            // Held until the outcome is written: until then the store still has it leased to this instance.
            holding = false;
            handler.record(job, outcome).whenComplete((ok, failure) -> held.remove(key));
        } catch (RuntimeException e) {
            errors.increment();
            log.error("Could not run or record {}; it is tried again when its lease ends", handler.describe(job), e);
            holding = true;
        } finally {
            if (holding) held.remove(key);
        }
    }
}
