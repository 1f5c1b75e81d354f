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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends due deliveries: a poller claims them in batches (under a lease, so no other worker or
 * instance sends the same one) and a pool of senders posts them. Any 2xx within the timeout is
 * a success; anything else is retried after an exponential, jittered back-off, up to
 * {@code hookline.outbound.retry.max-attempts}, then the delivery is {@code failed}. Every
 * attempt is logged. Retries live in the store, so they survive restarts. A webhook that has
 * failed without a single success for {@code disable-after} is disabled and reported.
 */
@Component
public class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final int MAX_CLAIM = 256;

    private final DeliveryStore deliveries;
    private final WebhookStore webhooks;
    private final DeliverySender sender;
    private final DeliveryWriter writer;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final HooklineProperties.Outbound config;
    private final MeterRegistry meters;
    private final Semaphore wakeUp = new Semaphore(0);
    private final AtomicInteger busy = new AtomicInteger();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Timer latency;
    private final Timer lateness;
    private volatile Consumer<Webhook> onDisabled = w -> { };
    private ExecutorService pool;
    private Thread poller;
    private volatile boolean running;

    public DeliveryWorker(DeliveryStore deliveries, WebhookStore webhooks, DeliverySender sender, DeliveryWriter writer,
                          ObjectMapper mapper, Clock clock, HooklineProperties properties, MeterRegistry meters) {
        this.writer = writer;
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.sender = sender;
        this.mapper = mapper;
        this.clock = clock;
        this.config = properties.getOutbound();
        this.meters = meters;
        this.latency = Timer.builder("hookline.deliveries.latency").description("From publish to a successful delivery")
                .register(meters);
        this.lateness = Timer.builder("hookline.deliveries.lateness")
                .description("How much later than scheduled an attempt was sent").register(meters);
    }

    /** New or re-sent deliveries: look now rather than at the next poll. */
    public void wake() {
        wakeUp.release();
    }

    /** Who to tell when a webhook is disabled for failing (set once at start-up). */
    public void onDisabled(Consumer<Webhook> listener) {
        this.onDisabled = listener;
    }

    private void poll() {
        while (running) {
            try {
                // busy = claimed and not finished: running, or queued for a worker. Claim when a worker is
                // (about to be) idle, enough for every worker plus one more batch queued behind them, so
                // that workers never wait for the poller and claims stay large under load.
                int inFlight = busy.get();
                if (inFlight <= config.getWorkers()) {
                    int free = 2 * config.getWorkers() - inFlight;
                    Instant now = clock.instant();
                    List<DeliveryStore.Claimed> due = deliveries.claimDue(now, now.plus(config.getLease()), Math.min(free, MAX_CLAIM));
                    for (DeliveryStore.Claimed c : due) {
                        busy.incrementAndGet();
                        pool.execute(() -> attempt(c));
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

    /** Until the next due delivery, at most the poll interval: retries fire on time. */
    private long sleepMillis() {
        long max = config.getPollInterval().toMillis();
        if (busy.get() > config.getWorkers()) return max; // a finishing worker wakes the poller
        return deliveries.nextDue().map(t -> Math.max(1, Math.min(max, Duration.between(clock.instant(), t).toMillis())))
                .orElse(max);
    }

    private void attempt(DeliveryStore.Claimed claimed) {
        Delivery d = claimed.delivery();
        try {
            if (!running) {
                // Claimed but still queued at shutdown: not attempted; due again at once after the restart.
                deliveries.release(d.id());
                return;
            }
            Webhook w = webhooks.find(d.webhookId()).orElse(null);
            Instant started = clock.instant();
            if (w == null || !w.enabled()) {
                String why = w == null ? "the webhook was deleted" : "the webhook is disabled";
                record(d, new DeliveryAttempt(0, d.nextAttemptAt(), started, 0, "{}", null, null, null, why),
                        Delivery.FAILED, d.nextAttemptAt(), why, started);
                count("failed");
                return;
            }
            lateness.record(Duration.between(d.nextAttemptAt(), started).abs());
            byte[] body = claimed.body().getBytes(StandardCharsets.UTF_8);
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
                deliveries.release(d.id());
                return;
            }
            Instant now = clock.instant();
            DeliveryAttempt a = new DeliveryAttempt(0, d.nextAttemptAt(), started, r.durationMs(), json(masked(headers)),
                    r.status(), r.status() == null ? null : json(r.headers()), r.body(), r.error());
            if (r.succeeded()) {
                record(d, a, Delivery.SUCCEEDED, d.nextAttemptAt(), null, now);
                if (w.failingSince() != null) webhooks.succeeding(w.id());
                latency.record(Duration.between(d.createdAt(), now));
                count("succeeded");
                return;
            }
            String error = r.status() != null ? "HTTP " + r.status() : r.error();
            int tries = d.tries() + 1;
            if (tries < config.getRetry().getMaxAttempts()) {
                Instant next = now.plus(config.getRetry().delayAfter(tries, ThreadLocalRandom.current().nextDouble()));
                record(d, a, Delivery.PENDING, next, error, now);
                count("retry");
            } else {
                record(d, a, Delivery.FAILED, d.nextAttemptAt(), "gave up after " + tries + " attempts: " + error, now);
                log.warn("Delivery {} of {} to webhook {} failed after {} attempts: {} (re-send: POST /api/deliveries/{}/resend)",
                        d.id(), d.event(), w.id(), tries, error, d.id());
                count("failed");
            }
            disableIfFailingTooLong(w, now);
        } catch (RuntimeException e) {
            log.warn("Could not record delivery {}: {}; it is sent again when its lease ends", d.id(), e.toString());
        } finally {
            // The queued batch is running out: have the poller claim the next one now, not at its next poll.
            if (busy.decrementAndGet() == config.getWorkers()) wakeUp.release();
        }
    }

    /** Through the group commit; the delivery stays leased until its outcome is written. */
    private void record(Delivery d, DeliveryAttempt a, String status, Instant next, String lastError, Instant now) {
        try {
            writer.record(new DeliveryStore.Outcome(d, a, status, next, lastError, now)).get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the outcome could not be written: " + (e.getCause() == null ? e : e.getCause()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the outcome", e);
        }
    }

    private void disableIfFailingTooLong(Webhook w, Instant now) {
        Instant since = webhooks.failing(w.id(), now);
        if (Duration.between(since, now).compareTo(config.getDisableAfter()) < 0) return;
        String reason = "disabled at " + now + ": every delivery failed since " + since;
        if (webhooks.disable(w.id(), reason, now)) {
            int stopped = deliveries.failPending(w.id(), "the webhook was disabled for failing", now);
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
        pool = Executors.newFixedThreadPool(config.getWorkers(), r -> {
            Thread t = new Thread(r, "hookline-delivery");
            t.setDaemon(true);
            return t;
        });
        poller = new Thread(this::poll, "hookline-delivery-poller");
        poller.setDaemon(true);
        poller.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (poller != null) poller.interrupt();
        if (pool != null) {
            pool.shutdown();
            try {
                pool.awaitTermination(config.getTimeout().toMillis() + 2_000, TimeUnit.MILLISECONDS);
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

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
