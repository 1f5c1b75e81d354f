package io.hookline.outbound;

import io.hookline.store.Delivery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Deliveries waiting for a sender. Two kinds arrive: new ones, handed over by the publisher right
 * after their commit (they never pass through the store's due list), and due ones, claimed from
 * the store by the poller (retries, re-sends, deliveries recovered from another instance). Due
 * ones go first, so that a retry fires on time even behind a backlog of new deliveries. New ones
 * are bounded: past {@code capacity}, the publisher leaves them to the store, where the poller
 * finds them.
 */
final class DeliveryQueue {

    /** A delivery to attempt, what it sends, and until when this instance holds it. */
    record Task(Delivery delivery, String body, boolean handedOver, Instant leaseUntil) {
    }

    private final BlockingDeque<Task> deque = new LinkedBlockingDeque<>();
    private final AtomicInteger handedOver = new AtomicInteger();
    private final AtomicInteger due = new AtomicInteger();
    private final int capacity;

    DeliveryQueue(int capacity) {
        this.capacity = capacity;
    }

    /** Room for {@code n} new deliveries, all or none; give it back with {@link #unreserve} if unused. */
    boolean reserve(int n) {
        while (true) {
            int now = handedOver.get();
            if (now + n > capacity) return false;
            if (handedOver.compareAndSet(now, now + n)) return true;
        }
    }

    void unreserve(int n) {
        handedOver.addAndGet(-n);
    }

    /** New deliveries, after {@link #reserve}: behind everything queued. */
    void addNew(List<Task> tasks) {
        tasks.forEach(deque::offerLast);
    }

    /** Claimed from the store: ahead of the new ones. */
    void addDue(Task task) {
        due.incrementAndGet();
        deque.offerFirst(task);
    }

    /** The next task, or null after {@code timeoutMillis}. */
    Task take(long timeoutMillis) throws InterruptedException {
        return deque.pollFirst(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** A task taken from this queue is over (attempted or given up). */
    void done(Task task) {
        if (task.handedOver()) handedOver.decrementAndGet();
        else due.decrementAndGet();
    }

    /** Due tasks claimed and not done yet (queued or being attempted). */
    int dueInFlight() {
        return due.get();
    }

    /** Takes out the queued tasks of a webhook (disabled or deleted); answers how many. */
    int removeWebhook(String webhookId) {
        int removed = 0;
        for (Task t : deque) {
            if (t.delivery().webhookId().equals(webhookId) && deque.remove(t)) {
                done(t);
                removed++;
            }
        }
        return removed;
    }

    /** Everything still queued, taken out (shutdown). */
    List<Task> drain() {
        List<Task> rest = new ArrayList<>();
        deque.drainTo(rest);
        return rest;
    }
}
