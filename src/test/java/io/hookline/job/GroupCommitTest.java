package io.hookline.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The group-commit mechanism: writes waiting together go in one batch; awaited writes are answered
 * only after the flush, the others at once; a failed write or flush fails what it concerns; what is
 * queued at stop is still written.
 */
class GroupCommitTest {

    /** A write: its name, whether someone waits for it, and how it was answered. */
    record W(String name, boolean awaited, CompletableFuture<Void> done) {
        W(String name, boolean awaited) {
            this(name, awaited, new CompletableFuture<>());
        }
    }

    /** Flushes when told to. */
    static final class ManualDurability implements GroupCommit.Durability {
        final List<CompletableFuture<Void>> flushes = new CopyOnWriteArrayList<>();
        volatile boolean insideWithoutWaiting;

        @Override
        public <T> T withoutWaiting(Supplier<T> work) {
            insideWithoutWaiting = true;
            try {
                return work.get();
            } finally {
                insideWithoutWaiting = false;
            }
        }

        @Override
        public CompletableFuture<Void> flush() {
            CompletableFuture<Void> f = new CompletableFuture<>();
            flushes.add(f);
            return f;
        }
    }

    static class Recording implements GroupCommit.Batch<W> {
        final List<List<String>> batches = new CopyOnWriteArrayList<>();
        final List<String> refused = Collections.synchronizedList(new ArrayList<>());
        volatile CountDownLatch gate = new CountDownLatch(0);
        volatile RuntimeException failWhole;
        ManualDurability durability;

        @Override
        public List<W> commit(List<W> batch) {
            try {
                gate.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            assertThat(durability.insideWithoutWaiting).as("commits do not wait for a flush on close").isTrue();
            batches.add(batch.stream().map(W::name).toList());
            if (failWhole != null) throw failWhole;
            List<W> ok = new ArrayList<>();
            for (W w : batch) {
                if (refused.contains(w.name())) w.done().completeExceptionally(new IllegalArgumentException(w.name()));
                else ok.add(w);
            }
            return ok;
        }

        @Override
        public boolean awaited(W write) {
            return write.awaited();
        }

        @Override
        public void complete(W write) {
            write.done().complete(null);
        }

        @Override
        public void fail(W write, Throwable failure) {
            write.done().completeExceptionally(failure);
        }
    }

    private final ManualDurability durability = new ManualDurability();
    private final Recording handler = new Recording();
    private final GroupCommit<W> commits = new GroupCommit<>("test-writer", 3, durability, handler);

    {
        handler.durability = durability;
    }

    @AfterEach
    void stop() {
        handler.gate = new CountDownLatch(0);
        durability.flushes.forEach(f -> f.complete(null));
        commits.stop();
    }

    @Test
    void writesWaitingTogetherGoInOneBatchOfAtMostMaxBatch() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        handler.gate = gate;
        commits.start();
        W first = new W("first", false);
        commits.add(first);
        Thread.sleep(300); // the writer holds "first" and waits at the gate
        List<W> rest = List.of(new W("a", false), new W("b", false), new W("c", false), new W("d", false));
        rest.forEach(commits::add);
        gate.countDown();
        CompletableFuture.allOf(rest.stream().map(W::done).toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        assertThat(handler.batches).containsExactly(List.of("first"), List.of("a", "b", "c"), List.of("d"));
        assertThat(durability.flushes).as("a flush is asked for after every batch").hasSize(3);
    }

    @Test
    void anAwaitedWriteIsAnsweredOnlyAfterTheFlushTheOthersAtOnce() throws Exception {
        commits.start();
        W outcome = new W("outcome", false);
        commits.add(outcome);
        outcome.done().get(5, TimeUnit.SECONDS);
        assertThat(durability.flushes).hasSize(1);
        assertThat(durability.flushes.get(0)).as("asked for, not waited for").isNotDone();

        CountDownLatch gate = new CountDownLatch(1);
        handler.gate = gate;
        commits.add(new W("blocker", false));
        Thread.sleep(300); // the writer holds "blocker" at the gate: the next two go in one batch
        W publish = new W("publish", true);
        W outcome2 = new W("outcome2", false);
        commits.add(publish);
        commits.add(outcome2);
        gate.countDown();
        waitFor(() -> durability.flushes.size() == 3);
        Thread.sleep(100);
        assertThat(handler.batches.get(2)).containsExactly("publish", "outcome2");
        assertThat(publish.done()).as("committed, not yet in the file").isNotDone();
        assertThat(outcome2.done()).as("in a batch with an awaited write: answered with it").isNotDone();
        durability.flushes.get(2).complete(null);
        publish.done().get(5, TimeUnit.SECONDS);
        outcome2.done().get(5, TimeUnit.SECONDS);
    }

    @Test
    void aFailedFlushFailsTheAwaitedBatchAndAWriteRefusedAloneFailsOnlyItself() throws Exception {
        handler.refused.add("bad");
        commits.start();
        W bad = new W("bad", true);
        W good = new W("good", true);
        CountDownLatch gate = new CountDownLatch(1);
        handler.gate = gate;
        commits.add(bad);
        commits.add(good);
        gate.countDown();
        waitFor(() -> !durability.flushes.isEmpty());
        assertThat(bad.done()).isCompletedExceptionally();
        durability.flushes.get(0).completeExceptionally(new IllegalStateException("disk full"));
        assertThat(good.done()).failsWithin(5, TimeUnit.SECONDS);
    }

    @Test
    void aBatchThatThrowsFailsEveryWriteInItAndTheWriterGoesOn() throws Exception {
        handler.failWhole = new IllegalStateException("database down");
        commits.start();
        W w = new W("w", true);
        commits.add(w);
        assertThat(w.done()).failsWithin(5, TimeUnit.SECONDS);
        handler.failWhole = null;
        W next = new W("next", false);
        commits.add(next);
        next.done().get(5, TimeUnit.SECONDS);
    }

    @Test
    void whatIsQueuedAtStopIsStillWritten() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        handler.gate = gate;
        commits.start();
        List<W> queued = List.of(new W("1", false), new W("2", false), new W("3", false), new W("4", false));
        queued.forEach(commits::add);
        Thread stopper = new Thread(commits::stop);
        stopper.start();
        Thread.sleep(100);
        assertThat(commits.isRunning()).isFalse();
        gate.countDown();
        stopper.join(5_000);
        assertThat(queued).allSatisfy(w -> assertThat(w.done()).isCompleted());
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean() && System.nanoTime() < until) Thread.sleep(10);
        assertThat(condition.getAsBoolean()).isTrue();
    }
}
