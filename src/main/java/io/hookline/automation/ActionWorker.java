package io.hookline.automation;

import io.hookline.HooklineProperties;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * a series survive restarts.
 */
@Component
public class ActionWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ActionWorker.class);

    private final ActionStore store;
    private final ActionRunner runner;
    private final Clock clock;
    private final HooklineProperties.Automations config;
    private final MeterRegistry meters;
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final Semaphore wakeUp = new Semaphore(0);
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final AtomicInteger busy = new AtomicInteger();
    private ExecutorService pool;
    private Thread poller;
    private volatile boolean running;

    public ActionWorker(ActionStore store, ActionRunner runner, Clock clock, HooklineProperties properties,
                        MeterRegistry meters) {
        this.store = store;
        this.runner = runner;
        this.clock = clock;
        this.config = properties.getAutomations();
        this.meters = meters;
    }

    private boolean loaded;

    /** New actions were scheduled: look now rather than at the next poll. */
    public void wake() {
        wakeUp.release();
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
        if (!running || !loaded || poller != null) return;
        pool = Executors.newFixedThreadPool(config.getWorkers(), r -> {
            Thread t = new Thread(r, "hookline-action");
            t.setDaemon(true);
            return t;
        });
        poller = new Thread(this::poll, "hookline-action-poller");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        while (running) {
            try {
                int free = config.getWorkers() - busy.get();
                if (free > 0) {
                    Instant now = clock.instant();
                    List<StoredAction> due = store.claimDue(now, now.plus(config.getLease()), free, held);
                    for (StoredAction a : due) {
                        held.add(a.id());
                        busy.incrementAndGet();
                        pool.execute(() -> runOne(a));
                    }
                    if (due.size() == free) continue;
                }
                wakeUp.tryAcquire(config.getPollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUp.drainPermits();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("Could not look for due automation actions: {}", e.toString());
                sleep(config.getPollInterval());
            }
        }
    }

    private void runOne(StoredAction action) {
        try {
            Instant started = clock.instant();
            Outcome outcome;
            try {
                outcome = runner.run(action);
            } catch (RuntimeException e) {
                outcome = Outcome.fail(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            if (!running) {
                // Interrupted by shutdown rather than failed: due again at the next start.
                store.release(action.id());
                return;
            }
            record(action, outcome, started, clock.instant());
        } catch (RuntimeException e) {
            log.warn("Could not record the outcome of action {} ({}): {}; it runs again when its lease ends",
                    action.id(), action.automation(), e.toString());
        } finally {
            held.remove(action.id());
            busy.decrementAndGet();
            wake();
        }
    }

    private void record(StoredAction action, Outcome outcome, Instant started, Instant finished) {
        int tries = action.tries() + 1;
        HooklineProperties.Retry retry = config.getRetry();
        switch (outcome.kind()) {
            case DONE -> {
                String done = outcome.dryRun() ? "dry-run" : "done";
                store.record(action, ActionStatus.DONE, action.dueAt(), null,
                        new ActionAttempt(0, started, finished, done, outcome.detail()));
                count(action, "done");
                // One line per finished action: never the detail (a dry run's detail is the message itself).
                log.info("Automation {} on event {}: {}{}", action.automation(), action.eventId(), done,
                        outcome.partnerId() == null ? "" : " (partner id " + outcome.partnerId() + ")");
            }
            case RETRY -> {
                if (tries < retry.getMaxAttempts()) {
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
            case FAIL -> fail(action, outcome.detail(), started, finished);
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

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        launch();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (poller != null) poller.interrupt();
        if (pool != null) {
            pool.shutdown();
            try {
                pool.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        poller = null;
        pool = null;
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
