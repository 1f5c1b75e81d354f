package io.hookline.store;

import static io.hookline.store.EventWriter.ts;

import io.hookline.event.Event;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Reads of the event log, and the lease bookkeeping that recovery and replay need. */
@Repository
public class EventStore {

    private static final String COLUMNS = "e.id, e.source, e.provider, e.type, e.delivery_id, e.status, e.received_at, "
            + "p.payload, p.headers, e.validation_errors, e.attempts, e.finished_at, e.last_error, p.packed";
    private static final String FROM = " FROM hookline_event e JOIN hookline_event_payload p ON p.event_id = e.id";

    private static final RowMapper<StoredEvent> EVENT = (rs, n) -> new StoredEvent(
            new Event(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), instant(rs, 7)),
            EventStatus.of(rs.getString(6)), payload(rs), rs.getString(9), rs.getString(10),
            rs.getInt(11), instant(rs, 12), rs.getString(13));

    /** A list row: the event without its payload and headers (null), which a list never shows. */
    private static final String SUMMARY_COLUMNS = "e.id, e.source, e.provider, e.type, e.delivery_id, e.status, "
            + "e.received_at, NULL, NULL, e.validation_errors, e.attempts, e.finished_at, e.last_error, NULL";
    /** Statuses few events are in: their index finds them faster than a walk through the newest events. */
    private static final Set<EventStatus> RARE = Set.of(EventStatus.ACCEPTED, EventStatus.FAILED, EventStatus.QUARANTINED);

    /** The outcome of the event row's latest attempt: only a failure has an error. */
    static final String LATEST_OUTCOME = "CASE WHEN last_error IS NULL THEN '" + EventStatus.PROCESSED.value() + "' ELSE '"
            + EventStatus.FAILED.value() + "' END";

    private final JdbcTemplate jdbc;
    private final boolean h2;

    public EventStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.h2 = Boolean.TRUE.equals(jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<Boolean>)
                c -> "H2".equalsIgnoreCase(c.getMetaData().getDatabaseProductName())));
    }

    public Optional<StoredEvent> find(String id) {
        return jdbc.query("SELECT " + COLUMNS + FROM + " WHERE e.id = ?", EVENT, id).stream().findFirst();
    }

    /**
     * Newest first, without payload and headers. A page walks the primary key backwards from the
     * newest (or from {@code before}) and stops at {@code limit} matches; on H2 that walk is asked
     * for explicitly ({@code USE INDEX ()}), because H2 would otherwise take the source or status
     * index and sort every event of a busy source first (seconds with 100,000 events).
     * PostgreSQL's planner makes that choice itself.
     */
    public List<StoredEvent> list(EventQuery q) {
        // A delivery id is found through the unique index (delivery_id, source) instead.
        boolean walkNewest = h2 && q.deliveryId() == null && (q.status() == null || !RARE.contains(q.status()));
        StringBuilder sql = new StringBuilder("SELECT " + SUMMARY_COLUMNS + " FROM hookline_event e"
                + (walkNewest ? " USE INDEX ()" : "") + " WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.source() != null) { sql.append(" AND e.source = ?"); args.add(q.source()); }
        if (q.type() != null) { sql.append(" AND e.type = ?"); args.add(q.type()); }
        if (q.status() != null) { sql.append(" AND e.status = ?"); args.add(q.status().value()); }
        if (q.deliveryId() != null) { sql.append(" AND e.delivery_id = ?"); args.add(q.deliveryId()); }
        // Ids are time-ordered: a time range and a page boundary are ranges of the primary key.
        if (q.from() != null) { sql.append(" AND e.id >= ?"); args.add(EventIds.floor(q.from())); }
        if (q.to() != null) { sql.append(" AND e.id < ?"); args.add(EventIds.floor(q.to())); }
        if (q.before() != null) { sql.append(" AND e.id < ?"); args.add(q.before()); }
        if (q.automationStatus() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM hookline_action a WHERE a.event_id = e.id AND a.status = ?)");
            args.add(q.automationStatus().value());
        }
        sql.append(" ORDER BY e.id DESC LIMIT ? OFFSET ?");
        args.add(q.limit());
        args.add(q.offset());
        return jdbc.query(sql.toString(), EVENT, args.toArray());
    }

    /** Events of one source in one status received since a time, and when the last of them arrived. */
    public record SourceCount(String source, EventStatus status, long count, Instant last) {
    }

    /** What arrived since a time: per source and status, and per hour (keyed by the hour's start). */
    public record Activity(List<SourceCount> counts, java.util.SortedMap<Instant, Long> perHour) {
    }

    /** The events received since {@code since}, counted in one grouped scan of a primary-key range. */
    public Activity activitySince(Instant since) {
        Map<String, SourceCount> counts = new java.util.TreeMap<>();
        java.util.SortedMap<Instant, Long> hours = new java.util.TreeMap<>();
        String hour = "FLOOR(EXTRACT(EPOCH FROM received_at) / 3600)";
        jdbc.query("SELECT source, status, " + hour + ", COUNT(*), MAX(received_at) FROM hookline_event WHERE id >= ? "
                + "GROUP BY source, status, " + hour, rs -> {
            String source = rs.getString(1);
            EventStatus status = EventStatus.of(rs.getString(2));
            long n = rs.getLong(4);
            Instant last = instant(rs, 5);
            hours.merge(Instant.ofEpochSecond(rs.getLong(3) * 3600), n, Long::sum);
            counts.merge(source + '\u0000' + status.value(), new SourceCount(source, status, n, last),
                    (a, b) -> new SourceCount(source, status, a.count() + b.count(),
                            a.last().isAfter(b.last()) ? a.last() : b.last()));
        }, EventIds.floor(since));
        return new Activity(List.copyOf(counts.values()), hours);
    }

    /** How many events are in {@code status} (an index lookup: used for failed and quarantined). */
    public long count(EventStatus status) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM hookline_event WHERE status = ?", Long.class, status.value());
        return n == null ? 0 : n;
    }

    /**
     * An event's processing history, oldest first. The latest finished attempt is kept in the event
     * row itself (attempts, started_at, finished_at, last_error), the earlier ones in
     * {@code hookline_event_attempt}: an event processed at once costs no second row. Events
     * processed before 0.3 have every attempt in the table and no {@code started_at}.
     */
    public List<Attempt> attempts(String eventId) {
        return jdbc.query("SELECT attempt, started_at, finished_at, outcome, error FROM hookline_event_attempt "
                        + "WHERE event_id = ? UNION ALL SELECT attempts, started_at, finished_at, " + LATEST_OUTCOME
                        + ", last_error FROM hookline_event WHERE id = ? AND started_at IS NOT NULL "
                        + "AND finished_at IS NOT NULL ORDER BY 1, 2",
                (rs, n) -> new Attempt(rs.getInt(1), instant(rs, 2), instant(rs, 3), rs.getString(4), rs.getString(5)),
                eventId, eventId);
    }

    /**
     * Takes over accepted events whose lease ran out (their instance crashed or fell behind),
     * skipping those this instance still holds. Each is claimed with a conditional update
     * ({@link LeaseClaim}), so two instances sweeping at once never take the same event.
     */
    public List<StoredEvent> claimExpired(Instant now, Instant newLease, int limit, Set<String> held) {
        List<String> ids = LeaseClaim.claim(jdbc,
                new LeaseClaim.Due<>("SELECT id FROM hookline_event WHERE status = ? AND lease_until < ? ORDER BY id LIMIT ?",
                        List.of(EventStatus.ACCEPTED.value(), ts(now)), (rs, n) -> rs.getString(1), id -> id),
                new LeaseClaim.Take("hookline_event", "lease_until = ?", List.of(ts(newLease)),
                        "status = ? AND lease_until < ?", List.of(EventStatus.ACCEPTED.value(), ts(now)), null),
                limit, held);
        List<StoredEvent> claimed = new ArrayList<>(ids.size());
        for (String id : ids) find(id).ifPresent(claimed::add);
        return claimed;
    }

    /** Extends the lease of events this instance still holds (accepted ones only). */
    public void renewLeases(Set<String> ids, Instant newLease) {
        // In id order, as the event writer records outcomes: no lock cycle between the two.
        List<String> all = ids.stream().sorted().toList();
        for (int from = 0; from < all.size(); from += 500) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
            String marks = placeholders(chunk.size());
            List<Object> args = new ArrayList<>(chunk.size() + 2);
            args.add(ts(newLease));
            args.add(EventStatus.ACCEPTED.value());
            args.addAll(chunk);
            jdbc.update("UPDATE hookline_event SET lease_until = ? WHERE status = ? AND id IN (" + marks + ")",
                    args.toArray());
        }
    }

    /**
     * Deletes up to {@code limit} processed or quarantined events received before {@code cutoff},
     * with their payload, history and automation actions; answers how many events went.
     */
    public int purgeFinishedBefore(Instant cutoff, int limit) {
        // An event whose automation actions are still pending (a series step) or failed (to replay) stays.
        List<String> ids = jdbc.queryForList("SELECT id FROM hookline_event e WHERE status IN (?, ?) AND received_at < ? "
                        + "AND NOT EXISTS (SELECT 1 FROM hookline_action a WHERE a.event_id = e.id AND a.status IN (?, ?)) "
                        + "ORDER BY id LIMIT ?", String.class,
                EventStatus.PROCESSED.value(), EventStatus.QUARANTINED.value(), ts(cutoff),
                ActionStatus.PENDING.value(), ActionStatus.FAILED.value(), limit);
        if (ids.isEmpty()) return 0;
        String marks = placeholders(ids.size());
        Object[] args = ids.toArray();
        jdbc.update("DELETE FROM hookline_action_attempt WHERE action_id IN (SELECT id FROM hookline_action "
                + "WHERE event_id IN (" + marks + "))", args);
        jdbc.update("DELETE FROM hookline_action WHERE event_id IN (" + marks + ")", args);
        jdbc.update("DELETE FROM hookline_event_attempt WHERE event_id IN (" + marks + ")", args);
        jdbc.update("DELETE FROM hookline_event_payload WHERE event_id IN (" + marks + ")", args);
        return jdbc.update("DELETE FROM hookline_event WHERE id IN (" + marks + ")", args);
    }

    /** Puts a finished event back to accepted under a fresh lease, for a replay. */
    public boolean reopen(String id, Instant newLease) {
        return jdbc.update("UPDATE hookline_event SET status = ?, lease_until = ?, validation_errors = NULL WHERE id = ?",
                EventStatus.ACCEPTED.value(), ts(newLease), id) == 1;
    }

    /** Records new validation errors for an event that still breaks its schema on replay. */
    public void requarantine(String id, String validationErrors) {
        jdbc.update("UPDATE hookline_event SET status = ?, validation_errors = ?, lease_until = NULL WHERE id = ?",
                EventStatus.QUARANTINED.value(), validationErrors, id);
    }

    /** {@code ?,?,…}: {@code n} JDBC parameters for an {@code IN} list. */
    static String placeholders(int n) {
        return String.join(",", Collections.nCopies(n, "?"));
    }

    /** Column 8 holds a payload kept as text (before V11, or with compression off), column 14 one kept deflated. */
    private static String payload(ResultSet rs) throws SQLException {
        String text = rs.getString(8);
        if (text != null) return text;
        byte[] packed = rs.getBytes(14);
        return packed == null ? null : PackedText.unpack(packed);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
