package io.hookline.job;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The job engine on its own, with a handler over an in-memory "store": bounded concurrency, claims
 * bounded by what is in flight, wake-up, the lease (held until recorded, renewed, given back when too
 * far gone), an exception logged with its stack trace and the job let go, and the shutdown order.
 */
class LeasedJobsTest {

    /** An in-memory store of due jobs and a record of everything the engine asked. */
    static final class Handler implements JobHandler<String, String> {
        final ConcurrentLinkedDeque<String> due = new ConcurrentLinkedDeque<>();
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<Integer> claimSizes = new CopyOnWriteArrayList<>();
        final List<Set<String>> renewals = new CopyOnWriteArrayList<>();
        final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
        final Map<String, CompletableFuture<Void>> writes = new ConcurrentHashMap<>();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger maxRunning = new AtomicInteger();
        volatile Function<String, JobOutcome<String>> behaviour = job -> JobOutcome.done("ok", job);
        /** When set, a claim waits for it: a claim under way, as in a slow query. */
        volatile CountDownLatch claimGate;
        final CountDownLatch claiming = new CountDownLatch(1);
        volatile boolean claimInterrupted;
        LeasedJobs<String, String> jobs;

        @Override
        public String key(String job) {
            return job;
        }

        @Override
        public List<String> claim(int n, Instant now, Instant leaseUntil, Set<String> held) {
            CountDownLatch gate = claimGate;
            if (gate != null) {
                claiming.countDown();
                try {
                    gate.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    claimInterrupted = true;
                }
            }
            claimSizes.add(n);
            List<String> taken = new ArrayList<>();
            while (taken.size() < n) {
                String job = due.pollFirst();
                if (job == null) break;
                if (!held.contains(job)) taken.add(job);
            }
            return taken;
        }

        @Override
        public JobOutcome<String> run(String job) {
            int now = running.incrementAndGet();
            maxRunning.accumulateAndGet(now, Math::max);
            events.add("run " + job);
            try {
                CountDownLatch gate = gates.get(job);
                if (gate != null) gate.await(10, TimeUnit.SECONDS);
                JobOutcome<String> outcome = behaviour.apply(job);
                return outcome.kind() != JobOutcome.Kind.INTERRUPTED && jobs != null && !jobs.isRunning()
                        ? JobOutcome.interrupted() : outcome;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                running.decrementAndGet();
            }
        }

        @Override
        public CompletionStage<?> record(String job, JobOutcome<String> outcome) {
            events.add("record " + job + " " + outcome.kind());
            return writes.computeIfAbsent(job, k -> CompletableFuture.completedFuture(null));
        }

        @Override
        public void release(List<String> jobs) {
            events.add("release " + jobs);
        }

        @Override
        public void renew(Set<String> held, Instant leaseUntil) {
            renewals.add(held);
        }
    }

    private final Handler handler = new Handler();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private LeasedJobs<String, String> jobs;

    private LeasedJobs<String, String> engine(int workers, Duration lease, Duration poll, int high, int low,
                                              Duration renewEvery) {
        jobs = new LeasedJobs<>(new LeasedJobs.Settings("test-job", "test-poller", "test", workers, lease, poll, 100, high,
                low, LeasedJobs.ClaimAgain.WHEN_FULL, 10, renewEvery, Duration.ofSeconds(5)), handler, Clock.systemUTC(),
                meters);
        handler.jobs = jobs;
        return jobs;
    }

    @AfterEach
    void stop() {
        handler.gates.values().forEach(CountDownLatch::countDown);
        handler.writes.values().forEach(f -> f.complete(null));
        if (jobs != null) jobs.stop();
    }

    @Test
    void noMoreJobsRunAtOnceThanWorkersAndClaimsAreBoundedByWhatIsInFlight() throws Exception {
        engine(2, Duration.ofSeconds(30), Duration.ofMillis(50), 2, 1, null);
        CountDownLatch gate = new CountDownLatch(1);
        for (int i = 0; i < 10; i++) {
            handler.due.add("j" + i);
            handler.gates.put("j" + i, gate);
        }
        jobs.start();
        waitFor(() -> handler.running.get() == 2);
        Thread.sleep(300);
        assertThat(handler.maxRunning.get()).isEqualTo(2);
        assertThat(handler.claimSizes).as("never more than claimHigh in flight").allMatch(n -> n <= 2);
        assertThat(handler.due).as("the rest stays in the store until there is room").hasSize(8);
        gate.countDown();
        waitFor(() -> handler.events.stream().filter(e -> e.startsWith("record")).count() == 10);
        assertThat(handler.maxRunning.get()).isEqualTo(2);
        waitFor(() -> !jobs.holds("j9"));
    }

    @Test
    void aWakeClaimsAtOnceRatherThanAtTheNextPoll() throws Exception {
        engine(1, Duration.ofSeconds(30), Duration.ofSeconds(30), 1, 0, null);
        jobs.start();
        waitFor(() -> !handler.claimSizes.isEmpty()); // the first claim found nothing: the poller sleeps 30 s
        handler.due.add("late");
        jobs.wake();
        waitFor(() -> handler.events.contains("record late DONE"));
    }

    @Test
    void aJobIsHeldUntilItsOutcomeIsWrittenAndItsLeaseRenewedMeanwhile() throws Exception {
        engine(1, Duration.ofSeconds(30), Duration.ofMillis(50), 1, 0, Duration.ofMillis(50));
        CompletableFuture<Void> write = new CompletableFuture<>();
        handler.writes.put("a", write);
        handler.due.add("a");
        jobs.start();
        waitFor(() -> handler.events.contains("record a DONE"));
        assertThat(jobs.holds("a")).as("outcome not yet written").isTrue();
        int before = handler.renewals.size();
        waitFor(() -> handler.renewals.size() > before + 1);
        assertThat(handler.renewals.get(handler.renewals.size() - 1)).contains("a");
        write.complete(null);
        waitFor(() -> !jobs.holds("a"));
        assertThat(meters.get("test.jobs.held").gauge().value()).isZero();
    }

    @Test
    void aJobWhoseLeaseIsMoreThanHalfGoneIsGivenBackNotRun() throws Exception {
        engine(1, Duration.ofSeconds(10), Duration.ofSeconds(30), 1, 0, null);
        Instant now = Instant.now();
        Instant leaseUntil = jobs.reserve(1, now);
        assertThat(leaseUntil).as("not running: no room").isNull();
        jobs.start();
        assertThat(jobs.reserve(2, now)).isEqualTo(now.plusSeconds(10));
        jobs.handOver(List.of("fresh"), now.plusSeconds(10));
        jobs.handOver(List.of("stale"), now.plusSeconds(2));
        waitFor(() -> handler.events.contains("release [stale]"));
        waitFor(() -> handler.events.contains("record fresh DONE"));
        assertThat(handler.events).doesNotContain("run stale");
        waitFor(() -> !jobs.holds("stale"));
    }

    @Test
    void anExceptionInAHandlerIsLoggedWithItsStackTraceAndTheJobLetGo() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(LeasedJobs.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            engine(1, Duration.ofSeconds(30), Duration.ofMillis(50), 1, 0, null);
            handler.behaviour = job -> {
                if (job.equals("bad")) throw new IllegalStateException("boom in " + job);
                return JobOutcome.done("ok", job);
            };
            handler.due.add("bad");
            handler.due.add("good");
            jobs.start();
            waitFor(() -> handler.events.contains("record good DONE"));
            assertThat(handler.events).doesNotContain("record bad DONE");
            assertThat(jobs.holds("bad")).as("let go: its lease runs out and it is taken again").isFalse();
            ILoggingEvent logged = appender.list.stream().filter(e -> e.getLevel() == Level.ERROR).findFirst().orElseThrow();
            assertThat(logged.getFormattedMessage()).contains("bad");
            assertThat(logged.getThrowableProxy()).as("with its stack trace").isNotNull();
            assertThat(logged.getThrowableProxy().getMessage()).isEqualTo("boom in bad");
            assertThat(logged.getThrowableProxy().getStackTraceElementProxyArray()).isNotEmpty();
            assertThat(meters.get("test.jobs.errors").counter().count()).isEqualTo(1.0);
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void shutdownStopsClaimingLetsTheRunningJobEndThenGivesBackWhatIsQueued() throws Exception {
        engine(1, Duration.ofSeconds(30), Duration.ofMillis(20), 5, 5, null);
        CountDownLatch gate = new CountDownLatch(1);
        handler.gates.put("running", gate);
        jobs.start();
        jobs.reserve(3, Instant.now());
        jobs.handOver(List.of("running", "queued1", "queued2"), Instant.now().plusSeconds(30));
        waitFor(() -> handler.running.get() == 1);
        Thread stopper = new Thread(jobs::stop);
        stopper.start();
        waitFor(() -> !jobs.isRunning());
        Thread.sleep(200);
        int claims = handler.claimSizes.size();
        handler.due.add("after-stop");
        assertThat(stopper.isAlive()).as("waits for the running job").isTrue();
        gate.countDown();
        stopper.join(5_000);
        assertThat(stopper.isAlive()).isFalse();
        assertThat(handler.claimSizes).as("no claim after stop").hasSize(claims);
        List<String> order = handler.events.stream().filter(e -> !e.startsWith("run")).toList();
        assertThat(order).containsExactly("release [running]", "release [queued1, queued2]");
        assertThat(handler.due).containsExactly("after-stop");
        assertThat(jobs.holds("queued1")).isFalse();
    }

    /** An interrupt in H2's file I/O closes H2's file channel: the database then fails for every thread. */
    @Test
    void shutdownDoesNotInterruptAClaimUnderWay() throws Exception {
        engine(1, Duration.ofSeconds(30), Duration.ofMillis(20), 5, 5, null);
        handler.claimGate = new CountDownLatch(1);
        jobs.start();
        assertThat(handler.claiming.await(5, TimeUnit.SECONDS)).isTrue();
        Thread stopper = new Thread(jobs::stop);
        stopper.start();
        Thread.sleep(200);
        handler.claimGate.countDown();
        stopper.join(5_000);
        assertThat(stopper.isAlive()).isFalse();
        assertThat(handler.claimInterrupted).as("the claim under way was interrupted").isFalse();
        assertThat(handler.claimSizes).as("the claim finished").hasSize(1);
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < until) Thread.sleep(5);
        assertThat(condition.getAsBoolean()).isTrue();
    }
}
