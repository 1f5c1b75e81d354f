package io.hookline.outbound;

import io.hookline.store.DeliveryStore;
import io.hookline.store.DurableCommits;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Group commit for the outbound side, as the event writer does for the inbound one: one thread
 * takes every publish and every attempt outcome waiting at that moment and commits them in one
 * transaction. A publisher is answered, and a delivery's lease let go, only once committed. If a
 * batch fails (a duplicate message id among them, say), each write is tried again on its own, so
 * one bad write never fails the others. A batch is answered once its commit is in the database
 * file ({@link DurableCommits}); the writer does not wait for that and writes the next batch.
 */
@Component
public class DeliveryWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWriter.class);
    private static final int MAX_BATCH = 512;

    private record Write(DeliveryStore.NewMessage message, DeliveryStore.Outcome outcome, CompletableFuture<Void> done) {
    }

    private final BlockingQueue<Write> queue = new LinkedBlockingQueue<>();
    private final DeliveryStore store;
    private final DurableCommits durable;
    private volatile boolean running;
    private Thread thread;

    public DeliveryWriter(DeliveryStore store, DurableCommits durable) {
        this.store = store;
        this.durable = durable;
    }

    public CompletableFuture<Void> publish(DeliveryStore.NewMessage message) {
        return submit(new Write(message, null, new CompletableFuture<>()));
    }

    public CompletableFuture<Void> record(DeliveryStore.Outcome outcome) {
        return submit(new Write(null, outcome, new CompletableFuture<>()));
    }

    private CompletableFuture<Void> submit(Write w) {
        if (!running) {
            // Stopped (shutdown): write directly rather than lose it.
            try {
                store.write(w.message() == null ? List.of() : List.of(w.message()),
                        w.outcome() == null ? List.of() : List.of(w.outcome()));
                w.done().complete(null);
            } catch (RuntimeException e) {
                w.done().completeExceptionally(e);
            }
            return w.done();
        }
        queue.add(w);
        return w.done();
    }

    private void loop() {
        List<Write> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Write first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                List<Write> written = durable.withoutWaiting(() -> commit(batch));
                if (written.stream().allMatch(w -> w.message() == null)) {
                    // Attempt outcomes only: no sender waits for them (the delivery's lease covers the gap: a crash
                    // before the flush sends the attempt again). The flush is asked for so that a retry's time is
                    // in the file within milliseconds, not when the lease runs out after a crash.
                    durable.flush();
                    written.forEach(w -> w.done().complete(null));
                } else {
                    // Publishes are answered once the commit is in the file; meanwhile the next batch is written.
                    durable.flush().whenComplete((ok, failure) -> written.forEach(w -> {
                        if (failure == null) w.done().complete(null);
                        else w.done().completeExceptionally(failure);
                    }));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    /** Commits the batch; answers the writes that were committed (the others have failed already). */
    private List<Write> commit(List<Write> batch) {
        try {
            write(batch);
            return List.copyOf(batch);
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).done().completeExceptionally(e);
                return List.of();
            }
            log.debug("Outbound batch of {} failed ({}); writing one by one", batch.size(), e.toString());
            List<Write> committed = new ArrayList<>();
            for (Write w : batch) {
                try {
                    write(List.of(w));
                    committed.add(w);
                } catch (RuntimeException one) {
                    w.done().completeExceptionally(one);
                }
            }
            return committed;
        }
    }

    private void write(List<Write> batch) {
        List<DeliveryStore.NewMessage> messages = new ArrayList<>();
        List<DeliveryStore.Outcome> outcomes = new ArrayList<>();
        for (Write w : batch) {
            if (w.message() != null) messages.add(w.message());
            if (w.outcome() != null) outcomes.add(w.outcome());
        }
        store.write(messages, outcomes);
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::loop, "hookline-delivery-writer");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
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

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the delivery worker (higher phases stop first), so its last outcomes are written. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2000;
    }
}
