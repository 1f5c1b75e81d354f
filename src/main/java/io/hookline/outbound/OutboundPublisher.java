package io.hookline.outbound;

import io.hookline.store.Delivery;
import io.hookline.store.DeliveryStore;
import io.hookline.store.EventIds;
import io.hookline.store.Webhook;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * Fans a published event out: one delivery per enabled webhook on the event, all stored with
 * the message in one transaction before the caller is answered, then handed straight to this
 * instance's {@link DeliveryWorker} (or, when its queue is full, left due in the store for its
 * poller). Webhooks are read through the {@link WebhookCache}.
 */
@Component
public class OutboundPublisher {

    /** What a publish stored. */
    public record Published(String messageId, List<String> deliveryIds) {
    }

    private final WebhookCache webhooks;
    private final DeliveryWorker worker;
    private final DeliveryWriter writer;
    private final Clock clock;

    public OutboundPublisher(WebhookCache webhooks, DeliveryWorker worker, DeliveryWriter writer, Clock clock) {
        this.writer = writer;
        this.webhooks = webhooks;
        this.worker = worker;
        this.clock = clock;
    }

    /** To every enabled webhook on {@code event}. */
    public Published publish(String event, String body) {
        return publish(EventIds.next(), event, body, webhooks.enabledReceiving(event));
    }

    /** To one webhook (a test send), whatever its events. */
    public Published publishTo(Webhook webhook, String event, String body) {
        return publish(EventIds.next(), event, body, List.of(webhook));
    }

    /** With a given message id: a second publish of the same id fails on the primary key (idempotent relays). */
    public Published publish(String messageId, String event, String body, List<Webhook> targets) {
        Instant now = clock.instant();
        List<String> ids = targets.stream().map(w -> EventIds.next()).toList();
        Instant heldUntil = targets.isEmpty() ? null : worker.reserve(targets.size(), now);
        try {
            // Group-committed with whatever else is being written: answered once stored.
            writer.publish(new DeliveryStore.NewMessage(messageId, event, body, ids, targets.stream().map(Webhook::id).toList(),
                    now, heldUntil)).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (heldUntil != null) worker.unreserve(targets.size());
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException("could not store the message", e.getCause());
        } catch (TimeoutException e) {
            // Not known to be stored: if it lands after all, the lease runs out and the poller sends it.
            if (heldUntil != null) worker.unreserve(targets.size());
            throw new IllegalStateException("the message could not be stored in time", e);
        } catch (InterruptedException e) {
            if (heldUntil != null) worker.unreserve(targets.size());
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing the message", e);
        }
        if (heldUntil != null) {
            List<Delivery> stored = new ArrayList<>(ids.size());
            for (int i = 0; i < ids.size(); i++) {
                stored.add(new Delivery(ids.get(i), messageId, targets.get(i).id(), event, Delivery.PENDING, 0, now, null,
                        now, now, 0));
            }
            worker.handOver(stored, body, heldUntil);
        } else if (!ids.isEmpty()) {
            worker.wake();
        }
        return new Published(messageId, ids);
    }

    public List<Webhook> enabledReceiving(String event) {
        return webhooks.enabledReceiving(event);
    }
}
