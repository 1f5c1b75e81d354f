package io.hookline.job;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: one thread takes every write waiting at that moment (up to {@code maxBatch}) and
 * hands them to the {@link Batch} handler, which commits them in one transaction. Then it asks for
 * a flush of the store ({@link Durability#flush()}) and goes on with the next batch without
 * waiting for it: a write someone waits for ({@link Batch#awaited}) is answered once the flush
 * completes, i.e. once its commit is in the database file; the others are answered at once (the
 * flush is still asked for, so that they reach the file within milliseconds).
 *
 * <p>Used by the event writer (new events, processing outcomes) and the delivery writer
 * (publishes, attempt outcomes); each keeps its SQL in its {@link Batch}.
 */
public final class GroupCommit<W> {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    /** What the writers of one kind do with a batch. */
    public interface Batch<W> {

        /**
         * Commits the writes, in one transaction where it can; answers those committed. A write
         * that failed on its own is answered by the handler ({@link #fail}) and left out. A thrown
         * exception fails the whole batch.
         */
        List<W> commit(List<W> batch);

        /** Whether someone waits for this write: then it is answered only once the flush is done. */
        boolean awaited(W write);

        /** The write is committed (and, if {@link #awaited}, in the file). */
        void complete(W write);

        /** The write could not be committed, or its flush failed. */
        void fail(W write, Throwable failure);
    }

    /** How commits reach the database file (see {@code store.DurableCommits}). */
    public interface Durability {

        /** Runs {@code work} without waiting for a flush when its connections are closed. */
        <T> T withoutWaiting(Supplier<T> work);

        /** Completes once every commit made before the call is in the file. */
        CompletableFuture<Void> flush();
    }

    private final BlockingQueue<W> queue = new LinkedBlockingQueue<>();
    private final String threadName;
    private final int maxBatch;
    private final Durability durability;
    private final Batch<W> handler;
    private volatile boolean running;
    private Thread thread;

    public GroupCommit(String threadName, int maxBatch, Durability durability, Batch<W> handler) {
        this.threadName = threadName;
        this.maxBatch = maxBatch;
        this.durability = durability;
        this.handler = handler;
    }

    /** Queues a write for the next batch (the caller checks {@link #isRunning} if it must). */
    public void add(W write) {
        queue.add(write);
    }

    public boolean isRunning() {
        return running;
    }

    public synchronized void start() {
        running = true;
        thread = new Thread(this::loop, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops taking new batches once the queue is empty: what was queued is still written. */
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    private void loop() {
        List<W> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                W first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("{} failed a batch of {}", threadName, batch.size(), e);
                failAll(batch, e);
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<W> batch) {
        List<W> committed;
        try {
            committed = durability.withoutWaiting(() -> handler.commit(batch));
        } catch (RuntimeException e) {
            failAll(batch, e);
            return;
        }
        if (committed.stream().noneMatch(handler::awaited)) {
            // No one waits for these (outcomes): the flush is asked for (a crash before it repeats the work: at
            // least once, as documented) but nothing waits for it.
            durability.flush();
            committed.forEach(handler::complete);
            return;
        }
        List<W> written = List.copyOf(committed);
        durability.flush().whenComplete((ok, failure) -> written.forEach(w -> {
            if (failure == null) handler.complete(w);
            else handler.fail(w, failure);
        }));
    }

    private void failAll(List<W> batch, Throwable e) {
        for (W w : batch) {
            try {
                handler.fail(w, e);
            } catch (RuntimeException again) {
                log.error("{} could not answer a failed write", threadName, again);
            }
        }
    }
}
