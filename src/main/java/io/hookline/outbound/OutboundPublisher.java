package io.hookline.outbound;

import io.hookline.store.DeliveryStore;
import io.hookline.store.EventIds;
import io.hookline.store.Webhook;
import io.hookline.store.WebhookStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Fans a published event out: one delivery per enabled webhook on the event, all stored with
 * the message in one transaction before the caller is answered, then sent by the
 * {@link DeliveryWorker}. The list of enabled webhooks is cached briefly (another instance's
 * change is seen within {@value #CACHE_MILLIS} ms; this instance's at once).
 */
@Component
public class OutboundPublisher {

    private static final long CACHE_MILLIS = 2_000;

    /** What a publish stored. */
    public record Published(String messageId, List<String> deliveryIds) {
    }

    private final WebhookStore webhooks;
    private final DeliveryWorker worker;
    private final DeliveryWriter writer;
    private final Clock clock;
    private volatile List<Webhook> cached;
    /** System.nanoTime() after which the cache is stale; 0 = stale now. */
    private volatile long freshUntil;

    public OutboundPublisher(WebhookStore webhooks, DeliveryWorker worker, DeliveryWriter writer, Clock clock) {
        this.writer = writer;
        this.webhooks = webhooks;
        this.worker = worker;
        this.clock = clock;
    }

    /** To every enabled webhook on {@code event}. */
    public Published publish(String event, String body) {
        return publish(EventIds.next(), event, body, enabled().stream().filter(w -> w.receives(event)).toList());
    }

    /** To one webhook (a test send), whatever its events. */
    public Published publishTo(Webhook webhook, String event, String body) {
        return publish(EventIds.next(), event, body, List.of(webhook));
    }

    /** With a given message id: a second publish of the same id fails on the primary key (idempotent relays). */
    public Published publish(String messageId, String event, String body, List<Webhook> targets) {
        Instant now = clock.instant();
        List<String> ids = targets.stream().map(w -> EventIds.next()).toList();
        try {
            // Group-committed with whatever else is being written: answered once stored.
            writer.publish(new DeliveryStore.NewMessage(messageId, event, body, ids, targets.stream().map(Webhook::id).toList(),
                    now)).get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException("could not store the message", e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the message could not be stored in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing the message", e);
        }
        if (!ids.isEmpty()) worker.wake();
        return new Published(messageId, ids);
    }

    public List<Webhook> enabledReceiving(String event) {
        return enabled().stream().filter(w -> w.receives(event)).toList();
    }

    /** Forget the cached webhooks (after a change through this instance). */
    public void webhooksChanged() {
        freshUntil = 0;
    }

    private List<Webhook> enabled() {
        List<Webhook> current = cached;
        if (current == null || freshUntil == 0 || System.nanoTime() - freshUntil > 0) {
            current = webhooks.enabled();
            cached = current;
            freshUntil = System.nanoTime() + CACHE_MILLIS * 1_000_000;
        }
        return current;
    }
}
