package io.hookline.outbound;

import io.hookline.job.GroupCommit;
import io.hookline.store.DeliveryStore;
import io.hookline.store.DurableCommits;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Group commit for the outbound side ({@link GroupCommit}, as the event writer does for the inbound
 * one): one thread takes every publish and every attempt outcome waiting at that moment and commits
 * them in one transaction. A publisher is answered, and a delivery's lease let go, only once
 * committed. A batch publish (several messages) is one write: committed whole or not at all. If a
 * batch fails (a duplicate message id among them, say), each write is tried again on its own, so one
 * bad write never fails the others. A batch with publishes is answered once its
 * commit is in the database file ({@link DurableCommits}); the writer does not wait for that and
 * writes the next batch. Attempt outcomes alone wait for no flush: no sender waits for them (the
 * delivery's lease covers the gap: a crash before the flush sends the attempt again); the flush is
 * still asked for, so that a retry's time is in the file within milliseconds, not when the lease
 * runs out after a crash.
 */
@Component
public class DeliveryWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWriter.class);
    private static final int MAX_BATCH = 512;

    /** Messages published together (committed together or not at all), or one attempt outcome. */
    private record Write(List<DeliveryStore.NewMessage> messages, DeliveryStore.Outcome outcome, CompletableFuture<Void> done) {
    }

    private final DeliveryStore store;
    private final GroupCommit<Write> commits;

    public DeliveryWriter(DeliveryStore store, DurableCommits durable) {
        this.store = store;
        this.commits = new GroupCommit<>("hookline-delivery-writer", MAX_BATCH, durable, new Batches());
    }

    /** Messages with their deliveries, all in the same commit (a batch publish is stored whole or not at all). */
    public CompletableFuture<Void> publish(List<DeliveryStore.NewMessage> messages) {
        return submit(new Write(List.copyOf(messages), null, new CompletableFuture<>()));
    }

    public CompletableFuture<Void> record(DeliveryStore.Outcome outcome) {
        return submit(new Write(null, outcome, new CompletableFuture<>()));
    }

    private CompletableFuture<Void> submit(Write w) {
        if (!commits.isRunning()) {
            // Stopped (shutdown): write directly rather than lose it.
            try {
                write(List.of(w));
                w.done().complete(null);
            } catch (RuntimeException e) {
                w.done().completeExceptionally(e);
            }
            return w.done();
        }
        commits.add(w);
        return w.done();
    }

    /** The outbound side of the group commit: publishes are answered once in the file. */
    private final class Batches implements GroupCommit.Batch<Write> {

        /** Commits the batch; answers the writes that were committed (the others have failed already). */
        @Override
        public List<Write> commit(List<Write> batch) {
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

        @Override
        public boolean awaited(Write write) {
            return write.messages() != null;
        }

        @Override
        public void complete(Write write) {
            write.done().complete(null);
        }

        @Override
        public void fail(Write write, Throwable failure) {
            write.done().completeExceptionally(failure);
        }
    }

    private void write(List<Write> batch) {
        List<DeliveryStore.NewMessage> messages = new ArrayList<>();
        List<DeliveryStore.Outcome> outcomes = new ArrayList<>();
        for (Write w : batch) {
            if (w.messages() != null) messages.addAll(w.messages());
            if (w.outcome() != null) outcomes.add(w.outcome());
        }
        store.write(messages, outcomes);
    }

    @Override
    public void start() {
        commits.start();
    }

    @Override
    public void stop() {
        commits.stop(); // it writes what is queued, then ends
    }

    @Override
    public boolean isRunning() {
        return commits.isRunning();
    }

    /** Stops after the delivery worker (higher phases stop first), so its last outcomes are written. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2000;
    }
}
