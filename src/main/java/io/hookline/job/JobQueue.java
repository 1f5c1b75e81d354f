package io.hookline.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Jobs waiting for a worker of {@link LeasedJobs}. Two kinds arrive: new ones, handed over right
 * after their commit (they never pass through the store's due list), and due ones, claimed from
 * the store by the poller (retries, re-sends, work recovered from another instance). Due ones go
 * first, so that a retry runs on time even behind a backlog of new work. New ones are bounded:
 * past {@code capacity}, the one handing them over leaves them to the store, where the poller
 * finds them.
 */
final class JobQueue<J> {

    /** A job to run, whether it was handed over (or claimed), and until when this instance holds it. */
    record Task<J>(J job, boolean handedOver, Instant leaseUntil) {
    }

    private final BlockingDeque<Task<J>> deque = new LinkedBlockingDeque<>();
    private final AtomicInteger handedOver = new AtomicInteger();
    private final AtomicInteger due = new AtomicInteger();
    private final int capacity;

    JobQueue(int capacity) {
        this.capacity = capacity;
    }

    /** Room for {@code n} new jobs, all or none; give it back with {@link #unreserve} if unused. */
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

    /** New jobs, after {@link #reserve}: behind everything queued. */
    void addNew(List<Task<J>> tasks) {
        tasks.forEach(deque::offerLast);
    }

    /** Claimed from the store: ahead of the new ones. */
    void addDue(Task<J> task) {
        due.incrementAndGet();
        deque.offerFirst(task);
    }

    /** The next task, or null after {@code timeoutMillis}. */
    Task<J> take(long timeoutMillis) throws InterruptedException {
        return deque.pollFirst(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** A task taken from this queue is over (run or given up). */
    void done(Task<J> task) {
        if (task.handedOver()) handedOver.decrementAndGet();
        else due.decrementAndGet();
    }

    /** Due tasks claimed and not done yet (queued or running). */
    int dueInFlight() {
        return due.get();
    }

    /** Tasks queued (not yet taken by a worker). */
    int size() {
        return deque.size();
    }

    /** Takes out the queued tasks whose job matches (and marks them done); answers them. */
    List<Task<J>> remove(Predicate<J> which) {
        List<Task<J>> removed = new ArrayList<>();
        for (Task<J> t : deque) {
            if (which.test(t.job()) && deque.remove(t)) {
                done(t);
                removed.add(t);
            }
        }
        return removed;
    }

    /** Everything still queued, taken out (shutdown). */
    List<Task<J>> drain() {
        List<Task<J>> rest = new ArrayList<>();
        deque.drainTo(rest);
        return rest;
    }
}
