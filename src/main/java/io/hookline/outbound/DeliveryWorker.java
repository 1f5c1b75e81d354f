package io.hookline.outbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookline.job.Backoff;
import io.hookline.job.JobHandler;
import io.hookline.job.JobOutcome;
import io.hookline.job.LeasedJobs;
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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
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
 * a success; anything else is retried after an exponential, jittered back-off ({@link Backoff}), up to
 * {@code hookline.outbound.retry.max-attempts}, then the delivery is {@code failed}. Every attempt
 * is logged through the {@link DeliveryWriter}'s group commit; a sender does not wait for that
 * write (the lease covers it). Retries live in the store, so they survive restarts. A webhook that
 * has failed without a single success for {@code disable-after} is disabled and reported. The
 * threads, the lease, the queue (claimed retries ahead of new deliveries) and shutdown are the
 * {@link LeasedJobs} engine's; this class is the delivery's {@link JobHandler}.
 */
@Component
public class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final int MAX_CLAIM = 256;
    /** New deliveries that may wait in memory per sender thread before publishers leave them to the poller. */
    private static final int HANDED_OVER_PER_WORKER = 64;

    /** What one attempt records: the attempt, what follows it, and the webhook it went to (null: none any more). */
    record Attempted(DeliveryAttempt attempt, String status, Instant next, String lastError, Instant now, Webhook webhook) {
    }

    private final DeliveryStore deliveries;
    private final WebhookStore webhooks;
    private final WebhookCache cache;
    private final DeliverySender sender;
    private final DeliveryWriter writer;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final OutboundProperties.Outbound config;
    private final MeterRegistry meters;
    private final LeasedJobs<DeliveryStore.Claimed, Attempted> jobs;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Timer latency;
    private final Timer lateness;
    private volatile Consumer<Webhook> onDisabled = w -> { };

    public DeliveryWorker(DeliveryStore deliveries, WebhookStore webhooks, WebhookCache cache, DeliverySender sender,
                          DeliveryWriter writer, ObjectMapper mapper, Clock clock, OutboundProperties properties,
                          MeterRegistry meters) {
        this.writer = writer;
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.cache = cache;
        this.sender = sender;
        this.mapper = mapper;
        this.clock = clock;
        this.config = properties.outbound();
        this.meters = meters;
        int workers = config.workers();
        // Claim again while four claimed deliveries per sender are still in flight, up to eight: a claim waits for
        // the store's flush, and the senders must not run dry meanwhile (with one per sender, most of them waited
        // for the poller and a backlog drained ~25 % slower, bench/README sixth round). Shutdown waits for the
        // attempts in flight up to the HTTP timeout.
        this.jobs = new LeasedJobs<>(new LeasedJobs.Settings("hookline-delivery", "hookline-delivery-poller",
                "hookline.deliveries", workers, config.lease(), config.pollInterval(), MAX_CLAIM, 8 * workers, 4 * workers,
                LeasedJobs.ClaimAgain.WHEN_ANY, workers * HANDED_OVER_PER_WORKER, null, config.timeout().plusSeconds(2)),
                new Deliveries(), clock, meters);
        this.latency = Timer.builder("hookline.deliveries.latency").description("From publish to a successful delivery")
                .register(meters);
        this.lateness = Timer.builder("hookline.deliveries.lateness")
                .description("How much later than scheduled an attempt was sent").register(meters);
    }

    /** Something became due in the store (a re-send, a retry): look now rather than at the next poll. */
    public void wake() {
        jobs.wake();
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
        return jobs.reserve(n, now);
    }

    /** Gives back a {@link #reserve} that was not used (the publish failed). */
    void unreserve(int n) {
        jobs.unreserve(n);
    }

    /** New deliveries (with their bodies), stored under the lease {@link #reserve} gave: sent as soon as a sender is free. */
    void handOver(List<DeliveryStore.Claimed> stored, Instant leaseUntil) {
        jobs.handOver(stored, leaseUntil);
    }

    /**
     * The webhook was disabled or deleted (its pending deliveries were failed in the store): its
     * deliveries still queued here are not sent.
     */
    public void forget(String webhookId) {
        jobs.forget(c -> c.delivery().webhookId().equals(webhookId));
    }

    /** Deliveries as jobs of the {@link LeasedJobs} engine. */
    private final class Deliveries implements JobHandler<DeliveryStore.Claimed, Attempted> {

        @Override
        public String key(DeliveryStore.Claimed job) {
            return job.delivery().id();
        }

        @Override
        public String describe(DeliveryStore.Claimed job) {
            return "delivery " + job.delivery().id();
        }

        @Override
        public List<DeliveryStore.Claimed> claim(int n, Instant now, Instant leaseUntil, Set<String> held) {
            // One statement for the batch; a claimed delivery is out of the store's due list until its lease ends.
            return deliveries.claimDue(now, leaseUntil, n);
        }

        @Override
        public Optional<Instant> nextDue() {
            return deliveries.nextDue();
        }

        @Override
        public void release(List<DeliveryStore.Claimed> jobs) {
            deliveries.release(jobs.stream().map(c -> c.delivery().id()).toList(), clock.instant());
        }

        @Override
        public JobOutcome<Attempted> run(DeliveryStore.Claimed job) {
            return attempt(job);
        }

        @Override
        public CompletionStage<?> record(DeliveryStore.Claimed job, JobOutcome<Attempted> outcome) {
            return DeliveryWorker.this.record(job.delivery(), outcome);
        }
    }

    private JobOutcome<Attempted> attempt(DeliveryStore.Claimed task) {
        Delivery d = task.delivery();
        Instant started = clock.instant();
        Webhook w = cache.find(d.webhookId()).orElse(null);
        if (w == null || !w.enabled()) {
            String why = w == null ? "the webhook was deleted" : "the webhook is disabled";
            return JobOutcome.failed(why, new Attempted(new DeliveryAttempt(0, d.nextAttemptAt(), started, 0, "{}", null,
                    null, null, why), Delivery.FAILED, d.nextAttemptAt(), why, started, null));
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
        if (!jobs.isRunning() && r.status() == null) {
            // Interrupted by shutdown: not the receiver's fault; sent again after the restart.
            return JobOutcome.interrupted();
        }
        Instant now = clock.instant();
        DeliveryAttempt a = new DeliveryAttempt(0, d.nextAttemptAt(), started, r.durationMs(), json(masked(headers)),
                r.status(), r.status() == null ? null : json(r.headers()), r.body(), r.error());
        if (r.succeeded()) {
            return JobOutcome.done(null, new Attempted(a, Delivery.SUCCEEDED, d.nextAttemptAt(), null, now, w));
        }
        String error = r.status() != null ? "HTTP " + r.status() : r.error();
        int tries = d.tries() + 1;
        // A receiver's Retry-After (429, 503) is honoured as an automation partner's is, capped at max-delay.
        Duration retryAfter = Backoff.retryAfterOf(r.headers(), now);
        if (tries < config.retry().maxAttempts()) {
            Instant next = now.plus(config.retry().backoff().after(tries, retryAfter, ThreadLocalRandom.current().nextDouble()));
            return JobOutcome.retry(error, retryAfter, new Attempted(a, Delivery.PENDING, next, error, now, w));
        }
        return JobOutcome.failed(error, new Attempted(a, Delivery.FAILED, d.nextAttemptAt(),
                "gave up after " + tries + " attempts: " + error, now, w));
    }

    /**
     * Through the group commit, without waiting for it: the delivery stays leased (and held) until its
     * outcome is written. A retry wakes the poller once written, so that it sleeps until the right time.
     */
    private CompletionStage<?> record(Delivery d, JobOutcome<Attempted> outcome) {
        Attempted at = outcome.result();
        CompletableFuture<Void> written = writer.record(new DeliveryStore.Outcome(d, at.attempt(), at.status(), at.next(),
                at.lastError(), at.now()));
        written.whenComplete((ok, failure) -> {
            if (failure != null) {
                log.warn("Could not record an attempt of delivery {}: {}; it is sent again when its lease ends", d.id(),
                        failure.toString());
            } else if (Delivery.PENDING.equals(at.status())) {
                wake();
            }
        });
        Webhook w = at.webhook();
        switch (at.status()) {
            case Delivery.SUCCEEDED -> {
                latency.record(Duration.between(d.createdAt(), at.now()));
                count("succeeded");
                return written;
            }
            case Delivery.PENDING -> count("retry");
            default -> {
                if (w != null) {
                    log.warn("Delivery {} of {} to webhook {} failed after {} attempts: {} (re-send: POST /api/deliveries/{}/resend)",
                            d.id(), d.event(), w.id(), d.tries() + 1, outcome.detail(), d.id());
                }
                count("failed");
            }
        }
        if (w != null) disableIfFailingTooLong(w, at.now());
        return written;
    }

    private void disableIfFailingTooLong(Webhook w, Instant now) {
        Instant since = webhooks.failing(w.id(), now);
        if (Duration.between(since, now).compareTo(config.disableAfter()) < 0) return;
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
    public void start() {
        jobs.start();
    }

    /** No more claims; the attempts in flight end (up to the HTTP timeout); the deliveries still queued are given back. */
    @Override
    public void stop() {
        jobs.stop();
    }

    @Override
    public boolean isRunning() {
        return jobs.isRunning();
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
