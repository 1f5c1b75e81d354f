package io.hookline.processing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookline.HooklineProperties;
import io.hookline.store.Attempt;
import io.hookline.store.EventStatus;
import io.hookline.store.EventStore;
import io.hookline.store.EventWriter;
import io.hookline.store.NewEvent;
import io.hookline.store.StoredEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Hands stored events to the Camel routes, off the request thread. New events come straight
 * from the inbound route; events whose lease ran out (accepted before a crash, or left behind)
 * are claimed by a periodic recovery sweep, so every accepted event is processed even across
 * restarts. Each attempt's outcome is written through the {@link EventWriter}.
 */
@Component
public class EventDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);
    private static final int QUEUE_CAPACITY = 10_000;
    private static final int SWEEP_LIMIT = 500;
    private static final int MAX_ERROR = 2_000;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    /** One processing attempt to make. */
    record Job(String id, String source, String provider, String type, String deliveryId, Instant receivedAt,
               JsonNode payload, int attempt) {}

    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    /** Events this instance has queued or is processing: the sweep must not take them. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    private final CamelContext camel;
    private final ProducerTemplate producer;
    private final EventWriter writer;
    private final EventStore store;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final MeterRegistry registry;
    private final HooklineProperties.Processing config;
    private final List<Thread> workers = new ArrayList<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private ScheduledExecutorService sweeper;
    private volatile boolean running;

    public EventDispatcher(ProducerTemplate producer, EventWriter writer, EventStore store, ObjectMapper mapper,
                           Clock clock, MeterRegistry registry, HooklineProperties properties) {
        // Not injected directly: Spring starts a lifecycle bean's Lifecycle dependencies first, and
        // a CamelContext started that early starts without its routes.
        this.camel = producer.getCamelContext();
        this.producer = producer;
        this.writer = writer;
        this.store = store;
        this.mapper = mapper;
        this.clock = clock;
        this.registry = registry;
        this.config = properties.getProcessing();
    }

    /** A newly accepted event (already committed). */
    public void submit(NewEvent e, JsonNode payload) {
        enqueue(new Job(e.id(), e.source(), e.provider(), e.type(), e.deliveryId(), e.receivedAt(), payload, 1));
    }

    /** A stored event to process again (recovery or replay); the caller holds its lease. */
    public void submit(StoredEvent e) {
        JsonNode payload;
        try {
            payload = mapper.readTree(e.payload());
        } catch (JsonProcessingException ex) {
            log.error("Stored payload of event {} is no longer valid JSON; not processed", e.id());
            return;
        }
        enqueue(new Job(e.id(), e.source(), e.provider(), e.type(), e.deliveryId(), e.receivedAt(), payload,
                e.attempts() + 1));
    }

    /** Whether this instance is about to process, or is processing, the event. */
    public boolean holds(String eventId) {
        return held.contains(eventId);
    }

    private void enqueue(Job job) {
        held.add(job.id());
        if (!queue.offer(job)) {
            // Full: the event is safe in the store and the sweep takes it once its lease runs out.
            held.remove(job.id());
            log.warn("Processing queue full; event {} will be picked up by the recovery sweep", job.id());
        }
    }

    private void work() {
        while (running) {
            Job job;
            try {
                job = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (job == null) continue;
            try {
                process(job);
            } catch (RuntimeException e) {
                log.error("Could not process event {}", job.id(), e);
                held.remove(job.id());
            }
        }
    }

    private void process(Job job) {
        Instant started = clock.instant();
        Exchange result = producer.send(config.getEndpoint(), exchange -> {
            exchange.getIn().setBody(CloudEvents.of(job.id(), job.source(), job.provider(), job.type(),
                    job.deliveryId(), job.receivedAt(), mapper.convertValue(job.payload(), MAP)));
            exchange.getIn().setHeader(EventHeaders.EVENT_ID, job.id());
            exchange.getIn().setHeader(EventHeaders.SOURCE, job.source());
            exchange.getIn().setHeader(EventHeaders.PROVIDER, job.provider());
            exchange.getIn().setHeader(EventHeaders.TYPE, job.type());
            exchange.getIn().setHeader(EventHeaders.DELIVERY_ID, job.deliveryId());
            exchange.getIn().setHeader(EventHeaders.ROUTE, routeName(job.source(), job.type()));
            exchange.getIn().setHeader(EventHeaders.ATTEMPT, job.attempt());
        });
        Instant finished = clock.instant();
        Exception failure = result.getException();
        if (failure != null && !camel.isStarted()) {
            // Camel is stopping (shutdown): not the event's fault. Its lease runs out and it is recovered.
            log.info("Event {} was interrupted by shutdown; it will be processed again", job.id());
            held.remove(job.id());
            return;
        }
        EventStatus status = failure == null ? EventStatus.PROCESSED : EventStatus.FAILED;
        String error = failure == null ? null : describe(failure);
        if (failure != null) {
            log.warn("Event {} ({} {}) failed on attempt {}: {}", job.id(), job.source(), job.type(), job.attempt(), error);
        }
        // Held until the outcome is committed: until then the store still says "accepted".
        writer.finish(new EventWriter.Finish(job.id(), status,
                new Attempt(job.attempt(), started, finished, status.value(), error), () -> held.remove(job.id())));
        timer("hookline.events.processing", "Time the routes took to process an event", job.source(), status)
                .record(Duration.between(started, finished));
        timer("hookline.events.latency", "Time from receipt to the end of processing", job.source(), status)
                .record(Duration.between(job.receivedAt(), finished));
    }

    private Timer timer(String name, String description, String source, EventStatus outcome) {
        return timers.computeIfAbsent(name + '\u0000' + source + '\u0000' + outcome, k -> Timer.builder(name)
                .description(description).tag("source", source).tag("outcome", outcome.value()).register(registry));
    }

    static String routeName(String source, String type) {
        return (source + "." + type).replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String describe(Exception e) {
        String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) + "…" : text;
    }

    private void sweep() {
        try {
            Instant now = clock.instant();
            // Heartbeat: what this instance still holds (queued, running, outcome not yet
            // committed) keeps its lease, so no other sweep takes it however long it waits.
            store.renewLeases(Set.copyOf(held), now.plus(config.getLease()));
            List<StoredEvent> claimed = store.claimExpired(now, now.plus(config.getLease()), SWEEP_LIMIT, held);
            if (!claimed.isEmpty()) {
                log.info("Recovered {} accepted event(s) whose processing had not finished", claimed.size());
            }
            claimed.forEach(this::submit);
        } catch (RuntimeException e) {
            log.warn("Recovery sweep failed: {}", e.toString());
        }
    }

    @Override
    public void start() {
        running = true;
        // Events must not reach the routes before Camel runs them (Camel starts on the context
        // refresh, after the lifecycle beans): begin once it is fully started.
        try {
            camel.addStartupListener(startedListener());
        } catch (Exception e) {
            throw new IllegalStateException("Could not wait for Camel to start", e);
        }
    }

    private ExtendedStartupListener startedListener() {
        return new ExtendedStartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                if (alreadyStarted) begin();
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
                begin();
            }
        };
    }

    private synchronized void begin() {
        if (!running || sweeper != null) return;
        for (int i = 0; i < config.getWorkers(); i++) {
            Thread t = new Thread(this::work, "hookline-dispatch-" + i);
            t.setDaemon(true);
            t.start();
            workers.add(t);
        }
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hookline-recovery");
            t.setDaemon(true);
            return t;
        });
        long every = config.getRecoveryInterval().toMillis();
        sweeper.scheduleWithFixedDelay(this::sweep, 0, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (sweeper != null) sweeper.shutdownNow();
        sweeper = null;
        for (Thread t : workers) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
        // Whatever is still queued keeps its lease in the store and is recovered later.
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server and the event writer; the writer records the last outcomes. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
