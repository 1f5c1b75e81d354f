package io.hookline.outbound;

import io.hookline.store.Delivery;
import io.hookline.store.DeliveryStore;
import io.hookline.store.EventIds;
import io.hookline.store.Webhook;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * Fans published events out: one delivery per enabled webhook on each event, all stored with the
 * messages in one transaction before the caller is answered, then handed straight to this
 * instance's {@link DeliveryWorker} (or, when its queue is full, left due in the store for its
 * poller). A batch ({@link #publishAll}) is one write to the {@link DeliveryWriter}: stored whole
 * or not at all. Webhooks are read through the {@link WebhookCache}.
 */
@Component
public class OutboundPublisher {

    /** One message to publish: its id, event, body (the exact bytes sent) and the webhooks it goes to. */
    public record Outgoing(String messageId, String event, String body, List<Webhook> targets) {
        public Outgoing {
            targets = List.copyOf(targets);
        }
    }

    /** What a publish stored. */
    public record Published(String messageId, List<String> deliveryIds) {
    }

    private final WebhookCache webhooks;
    private final DeliveryWorker worker;
    private final DeliveryWriter writer;
    private final Clock clock;
    private final Counter published;

    public OutboundPublisher(WebhookCache webhooks, DeliveryWorker worker, DeliveryWriter writer, Clock clock,
                             MeterRegistry meters) {
        this.writer = writer;
        this.webhooks = webhooks;
        this.worker = worker;
        this.clock = clock;
        this.published = Counter.builder("hookline.messages.published")
                .description("Messages published to the webhooks (stored with their deliveries)").register(meters);
    }

    /** A new message to every enabled webhook on {@code event}. */
    public Outgoing toSubscribers(String event, String body) {
        return new Outgoing(EventIds.next(), event, body, webhooks.enabledReceiving(event));
    }

    /** To every enabled webhook on {@code event}. */
    public Published publish(String event, String body) {
        return publishAll(List.of(toSubscribers(event, body))).get(0);
    }

    /** To one webhook (a test send), whatever its events. */
    public Published publishTo(Webhook webhook, String event, String body) {
        return publishAll(List.of(new Outgoing(EventIds.next(), event, body, List.of(webhook)))).get(0);
    }

    /** With a given message id: a second publish of the same id fails on the primary key (idempotent relays). */
    public Published publish(String messageId, String event, String body, List<Webhook> targets) {
        return publishAll(List.of(new Outgoing(messageId, event, body, targets))).get(0);
    }

    /**
     * Stores the messages and all their deliveries in one commit (all or none), then hands the
     * deliveries over; answers what each stored, in order. Each message's deliveries are held by
     * this instance if its queue has room for all of them, else left to the store's poller.
     */
    public List<Published> publishAll(List<Outgoing> messages) {
        Instant now = clock.instant();
        List<DeliveryStore.NewMessage> rows = new ArrayList<>(messages.size());
        int reserved = 0;
        for (Outgoing m : messages) {
            List<String> ids = m.targets().stream().map(w -> EventIds.next()).toList();
            Instant heldUntil = m.targets().isEmpty() ? null : worker.reserve(m.targets().size(), now);
            if (heldUntil != null) reserved += m.targets().size();
            rows.add(new DeliveryStore.NewMessage(m.messageId(), m.event(), m.body(), ids,
                    m.targets().stream().map(Webhook::id).toList(), now, heldUntil));
        }
        try {
            // Group-committed with whatever else is being written: answered once stored.
            writer.publish(rows).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            worker.unreserve(reserved);
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException("could not store the message", e.getCause());
        } catch (TimeoutException e) {
            // Not known to be stored: if it lands after all, the lease runs out and the poller sends it.
            worker.unreserve(reserved);
            throw new IllegalStateException("the message could not be stored in time", e);
        } catch (InterruptedException e) {
            worker.unreserve(reserved);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing the message", e);
        }
        published.increment(rows.size());
        List<DeliveryStore.Claimed> held = new ArrayList<>(reserved);
        Instant heldUntil = null;
        boolean due = false;
        List<Published> out = new ArrayList<>(rows.size());
        for (DeliveryStore.NewMessage m : rows) {
            out.add(new Published(m.messageId(), m.deliveryIds()));
            if (m.handedOverUntil() == null) {
                due |= !m.deliveryIds().isEmpty();
                continue;
            }
            heldUntil = m.handedOverUntil(); // the same for all: now + the lease
            for (int i = 0; i < m.deliveryIds().size(); i++) {
                held.add(new DeliveryStore.Claimed(new Delivery(m.deliveryIds().get(i), m.messageId(), m.webhookIds().get(i),
                        m.event(), Delivery.PENDING, 0, now, null, now, now, 0), m.body()));
            }
        }
        if (!held.isEmpty()) worker.handOver(held, heldUntil);
        if (due) worker.wake();
        return out;
    }

    public List<Webhook> enabledReceiving(String event) {
        return webhooks.enabledReceiving(event);
    }
}
