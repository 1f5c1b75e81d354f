package io.hookline.outbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookline.HooklineProperties;
import io.hookline.store.Delivery;
import io.hookline.store.DeliveryAttempt;
import io.hookline.store.DeliveryStore;
import io.hookline.store.Webhook;
import io.hookline.store.WebhookStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends deliveries. A new delivery is handed over by the publisher as soon as it is stored, under
 * this instance's lease, and sent at once; a poller claims from the store what is due otherwise
 * (retries, re-sends, deliveries whose holder died), under a lease too, so no other worker or
 * instance sends the same one, and those go ahead of the new ones. Any 2xx within the timeout is
 * a success; anything else is retried after an exponential, jittered back-off, up to
 * {@code hookline.outbound.retry.max-attempts}, then the delivery is {@code failed}. Every attempt
 * is logged through the {@link DeliveryWriter}'s group commit; a sender does not wait for that
 * write (the lease covers it). Retries live in the store, so they survive restarts. A webhook that
 * has failed without a single success for {@code disable-after} is disabled and reported.
 */
@Component
public class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final int MAX_CLAIM = 256;
    /** New deliveries that may wait in memory per sender thread before publishers leave them to the poller. */
    private static final int HANDED_OVER_PER_WORKER = 64;

    private final DeliveryStore deliveries;
    private final WebhookStore webhooks;
    private final WebhookCache cache;
    private final DeliverySender sender;
    private final DeliveryWriter writer;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final HooklineProperties.Outbound config;
    private final MeterRegistry meters;
    private final DeliveryQueue queue;
    private final Semaphore wakeUp = new Semaphore(0);
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Timer latency;
    private final Timer lateness;
    private volatile Consumer<Webhook> onDisabled = w -> { };
    private final List<Thread> senders = new ArrayList<>();
    private Thread poller;
    private volatile boolean running;

    public DeliveryWorker(DeliveryStore deliveries, WebhookStore webhooks, WebhookCache cache, DeliverySender sender,
                          DeliveryWriter writer, ObjectMapper mapper, Clock clock, HooklineProperties properties,
                          MeterRegistry meters) {
        this.writer = writer;
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.cache = cache;
        this.sender = sender;
        this.mapper = mapper;
        this.clock = clock;
        this.config = properties.getOutbound();
        this.meters = meters;
        this.queue = new DeliveryQueue(config.getWorkers() * HANDED_OVER_PER_WORKER);
        this.latency = Timer.builder("hookline.deliveries.latency").description("From publish to a successful delivery")
                .register(meters);
        this.lateness = Timer.builder("hookline.deliveries.lateness")
                .description("How much later than scheduled an attempt was sent").register(meters);
    }

    /** Something became due in the store (a re-send, a retry): look now rather than at the next poll. */
    public void wake() {
        wakeUp.release();
    }

    /** Who to tell when a webhook is disabled for failing (set once at start-up). */
    public void onDisabled(Consumer<Webhook> listener) {
        this.onDisabled = listener;
    }

    /**
     * Until when this instance would hold {@code n} new deliveries it sends itself, or null when it
     * has no room for them (they are then left to the store, whose poller finds them due).
     */
    Instant reserve(int n, Instant now) {
        return running && queue.reserve(n) ? now.plus(config.getLease()) : null;
    }

    /** Gives back a {@link #reserve} that was not used (the publish failed). */
    void unreserve(int n) {
        queue.unreserve(n);
    }

    /** New deliveries, stored under the lease {@link #reserve} gave: sent as soon as a sender is free. */
    void handOver(List<Delivery> stored, String body, Instant leaseUntil) {
        queue.addNew(stored.stream().map(d -> new DeliveryQueue.Task(d, body, true, leaseUntil)).toList());
    }

    /**
     * The webhook was disabled or deleted (its pending deliveries were failed in the store): its
     * deliveries still queued here are not sent.
     */
    public void forget(String webhookId) {
        queue.removeWebhook(webhookId);
    }

    private void poll() {
        while (running) {
            try {
                // Claim when a sender is (about to be) free: enough for every sender plus one more batch queued
                // behind them, so that senders never wait for the poller and claims stay large under load.
                int inFlight = queue.dueInFlight();
                if (inFlight <= config.getWorkers()) {
                    int free = 2 * config.getWorkers() - inFlight;
                    Instant now = clock.instant();
                    List<DeliveryStore.Claimed> due = deliveries.claimDue(now, now.plus(config.getLease()),
                            Math.min(free, MAX_CLAIM));
                    Instant leaseUntil = now.plus(config.getLease());
                    for (DeliveryStore.Claimed c : due) {
                        queue.addDue(new DeliveryQueue.Task(c.delivery(), c.body(), false, leaseUntil));
                    }
                    if (!due.isEmpty()) continue;
                }
                wakeUp.tryAcquire(sleepMillis(), TimeUnit.MILLISECONDS);
                wakeUp.drainPermits();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("Could not look for due deliveries: {}", e.toString());
                try {
                    Thread.sleep(config.getPollInterval().toMillis());
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** Until the next delivery due in the store, at most the poll interval: retries fire on time. */
    private long sleepMillis() {
        long max = config.getPollInterval().toMillis();
        if (queue.dueInFlight() > config.getWorkers()) return max; // a finishing sender wakes the poller
        return deliveries.nextDue().map(t -> Math.max(1, Math.min(max, Duration.between(clock.instant(), t).toMillis())))
                .orElse(max);
    }

    private void send() {
        while (running) {
            DeliveryQueue.Task task;
            try {
                task = queue.take(200);
            } catch (InterruptedException e) {
                return;
            }
            if (task == null) continue;
            try {
                attempt(task);
            } catch (RuntimeException e) {
                log.warn("Could not attempt delivery {}: {}; it is sent again when its lease ends", task.delivery().id(),
                        e.toString());
            } finally {
                queue.done(task);
                // The claimed batch is running out: have the poller claim the next one now, not at its next poll.
                if (!task.handedOver() && queue.dueInFlight() == config.getWorkers()) wakeUp.release();
            }
        }
    }

    private void attempt(DeliveryQueue.Task task) {
        Delivery d = task.delivery();
        Instant started = clock.instant();
        if (Duration.between(started, task.leaseUntil()).compareTo(config.getLease().dividedBy(2)) < 0) {
            // Waited so long that the lease could run out during the attempt, and another sender take it too:
            // give it back to the store, due at once, where the poller claims it under a fresh lease.
            deliveries.release(List.of(d.id()), started);
            wake();
            return;
        }
        Webhook w = cache.find(d.webhookId()).orElse(null);
        if (w == null || !w.enabled()) {
            String why = w == null ? "the webhook was deleted" : "the webhook is disabled";
            record(d, new DeliveryAttempt(0, d.nextAttemptAt(), started, 0, "{}", null, null, null, why),
                    Delivery.FAILED, d.nextAttemptAt(), why, started);
            count("failed");
            return;
        }
        lateness.record(Duration.between(d.nextAttemptAt(), started).abs());
        byte[] body = task.body().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", DeliverySender.USER_AGENT);
        headers.put("X-Hookline-Delivery", d.id());
        headers.put("X-Hookline-Event", d.event());
        if (DeliverySigner.IMPACT.equals(w.signature())) {
            // As Impact sends them, so that an Impact receiver (Hookline's own impact source too) de-duplicates.
            headers.put("X-Impact-Delivery-Id", d.id());
            headers.put("X-Impact-Event", d.event());
        }
        headers.putAll(DeliverySigner.headers(w, d.id(), body, started));
        DeliverySender.Result r = sender.send(URI.create(w.url()), headers, body);
        if (!running && r.status() == null) {
            // Interrupted by shutdown: not the receiver's fault; sent again after the restart.
            deliveries.release(List.of(d.id()), clock.instant());
            return;
        }
        Instant now = clock.instant();
        DeliveryAttempt a = new DeliveryAttempt(0, d.nextAttemptAt(), started, r.durationMs(), json(masked(headers)),
                r.status(), r.status() == null ? null : json(r.headers()), r.body(), r.error());
        if (r.succeeded()) {
            record(d, a, Delivery.SUCCEEDED, d.nextAttemptAt(), null, now);
            latency.record(Duration.between(d.createdAt(), now));
            count("succeeded");
            return;
        }
        String error = r.status() != null ? "HTTP " + r.status() : r.error();
        int tries = d.tries() + 1;
        if (tries < config.getRetry().getMaxAttempts()) {
            // A receiver's Retry-After (429, 503) is honoured as an automation partner's is, capped at max-delay.
            Duration retryAfter = r.headers() == null ? null : io.hookline.job.Backoff.retryAfter(header(r.headers(), "Retry-After"), now);
            Instant next = now.plus(config.getRetry().backoff().after(tries, retryAfter, ThreadLocalRandom.current().nextDouble()));
            record(d, a, Delivery.PENDING, next, error, now);
            count("retry");
        } else {
            record(d, a, Delivery.FAILED, d.nextAttemptAt(), "gave up after " + tries + " attempts: " + error, now);
            log.warn("Delivery {} of {} to webhook {} failed after {} attempts: {} (re-send: POST /api/deliveries/{}/resend)",
                    d.id(), d.event(), w.id(), tries, error, d.id());
            count("failed");
        }
        disableIfFailingTooLong(w, now);
    }

    private static String header(Map<String, String> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    /**
     * Through the group commit, without waiting for it: the delivery stays leased until its outcome
     * is written. A retry wakes the poller once written, so that it sleeps until the right time.
     */
    private void record(Delivery d, DeliveryAttempt a, String status, Instant next, String lastError, Instant now) {
        writer.record(new DeliveryStore.Outcome(d, a, status, next, lastError, now)).whenComplete((ok, failure) -> {
            if (failure != null) {
                log.warn("Could not record an attempt of delivery {}: {}; it is sent again when its lease ends", d.id(),
                        failure.toString());
            } else if (Delivery.PENDING.equals(status)) {
                wake();
            }
        });
    }

    private void disableIfFailingTooLong(Webhook w, Instant now) {
        Instant since = webhooks.failing(w.id(), now);
        if (Duration.between(since, now).compareTo(config.getDisableAfter()) < 0) return;
        String reason = "disabled at " + now + ": every delivery failed since " + since;
        if (webhooks.disable(w.id(), reason, now)) {
            cache.changed();
            int stopped = deliveries.failPending(w.id(), "the webhook was disabled for failing", now);
            forget(w.id());
            log.warn("Webhook {} ({}) disabled: its deliveries have failed since {}; {} pending deliveries stopped. "
                    + "Fix the receiver, then PATCH enabled=true and re-send what failed", w.id(), w.nickname(), since, stopped);
            Counter.builder("hookline.webhooks.disabled").description("Webhooks disabled for failing").register(meters).increment();
            try {
                onDisabled.accept(webhooks.find(w.id()).orElse(w));
            } catch (RuntimeException e) {
                log.warn("Could not report the disabled webhook {}: {}", w.id(), e.toString());
            }
        }
    }

    private static Map<String, String> masked(Map<String, String> headers) {
        Map<String, String> out = new LinkedHashMap<>(headers);
        out.replaceAll((k, v) -> DeliverySigner.isSignature(k) ? mask(v) : v);
        return out;
    }

    /** Enough of a signature to compare by eye, never enough to reuse. */
    static String mask(String signature) {
        return signature.length() <= 8 ? "****" : signature.substring(0, 6) + "…(masked)";
    }

    private String json(Map<String, String> map) {
        try {
            return mapper.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void count(String outcome) {
        counters.computeIfAbsent(outcome, o -> Counter.builder("hookline.deliveries").tag("outcome", o)
                .description("Delivery attempts by outcome").register(meters)).increment();
    }

    @Override
    public synchronized void start() {
        running = true;
        for (int i = 0; i < config.getWorkers(); i++) {
            Thread t = new Thread(this::send, "hookline-delivery-" + i);
            t.setDaemon(true);
            t.start();
            senders.add(t);
        }
        poller = new Thread(this::poll, "hookline-delivery-poller");
        poller.setDaemon(true);
        poller.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (poller != null) poller.interrupt();
        long deadline = System.nanoTime() + config.getTimeout().plusSeconds(2).toNanos();
        for (Thread t : senders) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        senders.clear();
        poller = null;
        // Held but not attempted: due again at once after the restart (or on another instance).
        List<String> held = queue.drain().stream().map(t -> t.delivery().id()).toList();
        try {
            deliveries.release(held, clock.instant());
        } catch (RuntimeException e) {
            log.warn("Could not give back {} deliveries not yet attempted: {}; they are sent when their lease ends",
                    held.size(), e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
