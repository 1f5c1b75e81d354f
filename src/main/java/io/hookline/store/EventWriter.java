package io.hookline.store;

import io.hookline.event.Event;
import io.hookline.job.GroupCommit;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The event log's group commit ({@link GroupCommit}): one thread takes every pending write (new
 * events, processing outcomes) that arrived while the previous transaction ran, and commits them
 * together; this class holds the SQL of such a batch. A caller of
 * {@link #append} is answered only after its event is committed, so an acknowledged webhook is
 * durable, yet under load one commit serves many requests.
 *
 * <p>De-duplication lives in the database: {@code (source, delivery_id)} is unique. Within a
 * batch, repeats are settled in memory; across batches and instances, by a lookup and, when
 * two writers race, by the unique constraint (the batch then falls back to one row at a time).
 */
@Component
public class EventWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventWriter.class);
    private static final int MAX_BATCH = 256;

    static final String INSERT = "INSERT INTO hookline_event (id, source, provider, type, delivery_id, status, "
            + "received_at, validation_errors, lease_until) VALUES (?,?,?,?,?,?,?,?,?)";
    /** The payload goes either deflated into {@code packed} or as text into {@code payload} ({@code hookline.store.compress-payloads}). */
    static final String INSERT_PAYLOAD = "INSERT INTO hookline_event_payload (event_id, payload, headers, packed) VALUES (?,?,?,?)";
    /** The attempt just made becomes the event row's latest attempt (see {@link EventStore#attempts}). */
    private static final String FINISH = "UPDATE hookline_event SET status = ?, attempts = ?, started_at = ?, "
            + "finished_at = ?, last_error = ?, lease_until = NULL WHERE id = ?";
    /**
     * Before a later attempt takes its place, the row's latest attempt moves to the history table.
     * A first attempt has nothing to move, so an event processed at once writes no history row.
     */
    private static final String MOVE_LATEST = "INSERT INTO hookline_event_attempt (event_id, id, attempt, started_at, "
            + "finished_at, outcome, error) SELECT id, ?, attempts, started_at, finished_at, " + EventStore.LATEST_OUTCOME
            + ", last_error FROM hookline_event WHERE id = ? AND started_at IS NOT NULL AND finished_at IS NOT NULL";
    /** One lookup for a whole batch: {@code = ANY (array)} walks the unique index once per value, on H2 as on PostgreSQL. */
    private static final String EXISTING = "SELECT source, delivery_id, id FROM hookline_event WHERE delivery_id = ANY (?)";

    // The columns' JDBC types: with them a null is bound at once, without asking the driver for
    // the statement's parameter metadata per null value (measured: Spring's binding was 9 % of this thread).
    private static final int[] INSERT_TYPES = {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP, Types.VARCHAR, Types.TIMESTAMP};
    private static final int[] INSERT_PAYLOAD_TYPES = {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARBINARY};
    private static final int[] FINISH_TYPES = {Types.VARCHAR, Types.INTEGER, Types.TIMESTAMP, Types.TIMESTAMP, Types.VARCHAR,
        Types.VARCHAR};
    private static final int[] MOVE_LATEST_TYPES = {Types.VARCHAR, Types.VARCHAR};

    /** A write waiting for the next commit. */
    private sealed interface Op permits Append, Finish {}

    /**
     * A new event; {@code stored} is set once its batch is committed (then answered after the flush).
     * Its payload is deflated here, by the thread that appends it, rather than by the one writer thread.
     */
    private static final class Append implements Op {
        final NewEvent newEvent;
        final byte[] packed;
        final CompletableFuture<AppendResult> result;
        AppendResult stored;

        Append(NewEvent newEvent, boolean compress, CompletableFuture<AppendResult> result) {
            this.newEvent = newEvent;
            this.packed = compress ? PackedText.pack(newEvent.payload()) : null;
            this.result = result;
        }
    }

    /** The outcome of one processing attempt; {@code afterWrite} runs once it is committed (or failed). */
    public record Finish(String eventId, EventStatus status, Attempt attempt, Runnable afterWrite) implements Op {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final GroupCommit<Op> commits;
    private final boolean compress;

    public EventWriter(JdbcTemplate jdbc, TransactionTemplate tx, DurableCommits durable, StoreProperties properties) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.compress = properties.store().compressPayloads();
        this.commits = new GroupCommit<>("hookline-event-writer", MAX_BATCH, durable, new Batches());
    }

    /** Stores the event; completes once committed, with the id of the first event of that delivery. */
    public CompletableFuture<AppendResult> append(NewEvent event) {
        CompletableFuture<AppendResult> result = new CompletableFuture<>();
        if (!commits.isRunning()) {
            result.completeExceptionally(new StoreUnavailableException("the event store is stopped", null));
            return result;
        }
        commits.add(new Append(event, compress, result));
        return result;
    }

    /** Records a processing outcome; written with the next batch (the caller does not wait). */
    public void finish(Finish finish) {
        commits.add(finish);
    }

    /**
     * The event log's side of the group commit: new events are answered once their commit is in
     * the file; outcomes alone wait for no flush.
     */
    private final class Batches implements GroupCommit.Batch<Op> {

        @Override
        public List<Op> commit(List<Op> batch) {
            List<Append> appends = new ArrayList<>();
            List<Finish> finishes = new ArrayList<>();
            for (Op op : batch) {
                if (op instanceof Append a) appends.add(a);
                else finishes.add((Finish) op);
            }
            Map<Append, AppendResult> results = EventWriter.this.commit(appends, finishes);
            List<Op> committed = new ArrayList<>(batch.size());
            for (Op op : batch) {
                if (op instanceof Append a) {
                    a.stored = results.get(a);
                    if (a.stored != null) committed.add(a);
                } else {
                    committed.add(op);
                }
            }
            return committed;
        }

        @Override
        public boolean awaited(Op write) {
            return write instanceof Append;
        }

        @Override
        public void complete(Op write) {
            if (write instanceof Append a) a.result.complete(a.stored);
            else ((Finish) write).afterWrite().run();
        }

        @Override
        public void fail(Op write, Throwable failure) {
            RuntimeException e = failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
            if (write instanceof Append a) {
                a.result.completeExceptionally(unavailable(e));
            } else {
                Finish f = (Finish) write;
                log.warn("Could not record the outcome of event {}: {}; it will be processed again",
                        f.eventId(), e.toString());
                f.afterWrite().run();
            }
        }
    }

    private Map<Append, AppendResult> commit(List<Append> appends, List<Finish> finishes) {
        try {
            return transaction(appends, finishes);
        } catch (ConcurrencyFailureException deadlock) {
            // The recovery sweep renewing leases of the same events: H2 rolled this batch back. Once more.
            log.debug("Event batch rolled back ({}); writing it again", deadlock.toString());
            return transaction(appends, finishes);
        }
    }

    private Map<Append, AppendResult> transaction(List<Append> appends, List<Finish> finishes) {
        try {
            return tx.execute(status -> {
                Map<Append, AppendResult> r = insertAll(appends);
                finishAll(finishes);
                return r;
            });
        } catch (DuplicateKeyException race) {
            // Another instance stored one of these deliveries between our lookup and insert.
            log.debug("A delivery in this batch was stored by another instance first; storing one by one");
            Map<Append, AppendResult> results = oneByOne(appends);
            tx.executeWithoutResult(status -> finishAll(finishes));
            return results;
        }
    }

    private Map<Append, AppendResult> insertAll(List<Append> appends) {
        Map<Append, AppendResult> results = new IdentityHashMap<>();
        if (appends.isEmpty()) return results;
        // The first of each delivery in this batch decides; repeats inside the batch follow it.
        Map<String, Append> firstByKey = new LinkedHashMap<>();
        for (Append a : appends) {
            firstByKey.putIfAbsent(key(a.newEvent), a);
        }
        Map<String, String> earlier = existingIds(firstByKey.values());
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> payloads = new ArrayList<>();
        for (Append first : firstByKey.values()) {
            String stored = earlier.get(key(first.newEvent));
            if (stored != null) {
                results.put(first, new AppendResult(stored, true));
            } else {
                rows.add(row(first.newEvent));
                payloads.add(payloadRow(first));
                results.put(first, new AppendResult(first.newEvent.event().id(), false));
            }
        }
        for (Append a : appends) {
            Append first = firstByKey.get(key(a.newEvent));
            if (first != a) results.put(a, new AppendResult(results.get(first).id(), true));
        }
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(INSERT, rows, INSERT_TYPES);
            jdbc.batchUpdate(INSERT_PAYLOAD, payloads, INSERT_PAYLOAD_TYPES);
        }
        return results;
    }

    private Map<Append, AppendResult> oneByOne(List<Append> appends) {
        Map<Append, AppendResult> results = new IdentityHashMap<>();
        for (Append a : appends) {
            try {
                results.put(a, tx.execute(status -> {
                    String earlier = existingIds(List.of(a)).get(key(a.newEvent));
                    if (earlier != null) return new AppendResult(earlier, true);
                    jdbc.update(INSERT, row(a.newEvent), INSERT_TYPES);
                    jdbc.update(INSERT_PAYLOAD, payloadRow(a), INSERT_PAYLOAD_TYPES);
                    return new AppendResult(a.newEvent.event().id(), false);
                }));
            } catch (DuplicateKeyException race) {
                results.put(a, new AppendResult(existingIds(List.of(a)).get(key(a.newEvent)), true));
            } catch (RuntimeException e) {
                a.result.completeExceptionally(unavailable(e));
            }
        }
        return results;
    }

    /**
     * The events already stored for these deliveries, by {@link #key}: one query per batch on the
     * unique key's first column (a delivery id of another source is ignored here).
     */
    private Map<String, String> existingIds(Collection<Append> appends) {
        Map<String, String> found = new HashMap<>();
        if (appends.isEmpty()) return found;
        Object[] deliveryIds = appends.stream().map(a -> a.newEvent.event().deliveryId()).distinct().toArray();
        Set<String> wanted = new HashSet<>();
        for (Append a : appends) wanted.add(key(a.newEvent));
        jdbc.query(EXISTING, ps -> ps.setArray(1, ps.getConnection().createArrayOf("VARCHAR", deliveryIds)), rs -> {
            String key = rs.getString(1) + "\u0000" + rs.getString(2);
            if (wanted.contains(key)) found.putIfAbsent(key, rs.getString(3));
        });
        return found;
    }

    private void finishAll(List<Finish> finishes) {
        if (finishes.isEmpty()) return;
        // In id order, as the sweep's lease renewal locks them: two transactions never wait for each other in a cycle.
        finishes = finishes.stream().sorted(Comparator.comparing(Finish::eventId)).toList();
        List<Object[]> moves = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>(finishes.size());
        for (Finish f : finishes) {
            Attempt a = f.attempt();
            if (a.attempt() > 1) {
                moves.add(new Object[] {EventIds.next(), f.eventId()});
            }
            updates.add(new Object[] {f.status().value(), a.attempt(), ts(a.startedAt()), ts(a.finishedAt()), a.error(),
                    f.eventId()});
        }
        if (!moves.isEmpty()) jdbc.batchUpdate(MOVE_LATEST, moves, MOVE_LATEST_TYPES);
        jdbc.batchUpdate(FINISH, updates, FINISH_TYPES);
    }

    private static String key(NewEvent e) {
        return e.event().source() + "\u0000" + e.event().deliveryId();
    }

    private static Object[] row(NewEvent n) {
        Event e = n.event();
        return new Object[] {e.id(), e.source(), e.provider(), e.type(), e.deliveryId(), n.status().value(),
                ts(e.receivedAt()), n.validationErrors(), ts(n.leaseUntil())};
    }

    private static Object[] payloadRow(Append a) {
        NewEvent n = a.newEvent;
        return new Object[] {n.event().id(), a.packed == null ? n.payload() : null, n.headers(), a.packed};
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static StoreUnavailableException unavailable(RuntimeException e) {
        return new StoreUnavailableException("the event store could not commit: " + e.getClass().getSimpleName(), e);
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

    /** Starts before, and stops after, everything that writes through it (Camel, the dispatcher). */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 100;
    }
}
