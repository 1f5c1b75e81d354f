package io.hookline.store;

import static io.hookline.store.EventWriter.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The automation actions: scheduled once per (event, automation, step) — the unique key makes
 * scheduling idempotent when an event is processed again — then claimed under a lease by one
 * worker of one instance at a time.
 */
@Repository
public class ActionStore {

    private static final String COLUMNS = "a.id, a.event_id, a.automation, a.step, a.status, a.due_at, a.tries, "
            + "a.correlation, a.last_error, a.updated_at, a.payload";
    private static final RowMapper<StoredAction> ACTION = (rs, n) -> new StoredAction(rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getInt(4), ActionStatus.of(rs.getString(5)), instant(rs, 6), rs.getInt(7),
            rs.getString(8), rs.getString(9), instant(rs, 10), rs.getString(11));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public ActionStore(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /**
     * A new action, rendered later over {@code payload} (the enriched payload; null: the stored
     * event's). Answers false when this (event, automation, step) was already scheduled; a
     * {@linkplain #skip skipped} trace in its place becomes this action.
     */
    public boolean schedule(String eventId, String automation, int step, Instant dueAt, String correlation,
                            String payload, Instant now) {
        try {
            jdbc.update("INSERT INTO hookline_action (id, event_id, automation, step, status, due_at, tries, correlation, "
                            + "updated_at, payload) VALUES (?,?,?,?,?,?,0,?,?,?)", EventIds.next(), eventId, automation, step,
                    ActionStatus.PENDING.value(), ts(dueAt), correlation, ts(now), payload);
            return true;
        } catch (DuplicateKeyException e) {
            return jdbc.update("UPDATE hookline_action SET status = ?, due_at = ?, tries = 0, correlation = ?, last_error = NULL, "
                            + "lease_until = NULL, updated_at = ?, payload = ? WHERE event_id = ? AND automation = ? AND step = ? "
                            + "AND status = ?", ActionStatus.PENDING.value(), ts(dueAt), correlation, ts(now), payload,
                    eventId, automation, step, ActionStatus.SKIPPED.value()) == 1;
        }
    }

    /**
     * Leaves the trace of an automation whose {@code when} filter was false for the event (as its
     * first step, status skipped, {@code detail} as the last error); nothing when the automation
     * already has an action for the event (a replay does not undo what ran).
     */
    public void skip(String eventId, String automation, String detail, Instant now) {
        try {
            jdbc.update("INSERT INTO hookline_action (id, event_id, automation, step, status, due_at, tries, last_error, "
                            + "updated_at) VALUES (?,?,?,0,?,?,0,?,?)", EventIds.next(), eventId, automation,
                    ActionStatus.SKIPPED.value(), ts(now), detail, ts(now));
        } catch (DuplicateKeyException e) {
            // Already there: skipped before, or an action that stands.
        }
    }

    /** Cancels the pending steps of an automation tied to {@code correlation}; answers how many. */
    public int cancel(String automation, String correlation, String reason, Instant now) {
        return jdbc.update("UPDATE hookline_action SET status = ?, last_error = ?, updated_at = ? "
                        + "WHERE automation = ? AND correlation = ? AND status = ?", ActionStatus.CANCELLED.value(),
                reason, ts(now), automation, correlation, ActionStatus.PENDING.value());
    }

    /**
     * Takes up to {@code limit} due actions that nobody holds (or whose holder's lease ran out),
     * each with a conditional update ({@link LeaseClaim}) so that two workers or instances never take the same one.
     */
    public List<StoredAction> claimDue(Instant now, Instant leaseUntil, int limit, Set<String> held) {
        List<String> ids = LeaseClaim.claim(jdbc,
                new LeaseClaim.Due<>("SELECT id FROM hookline_action WHERE status = ? AND due_at <= ? "
                        + "AND (lease_until IS NULL OR lease_until < ?) ORDER BY due_at LIMIT ?",
                        List.of(ActionStatus.PENDING.value(), ts(now), ts(now)), (rs, n) -> rs.getString(1), id -> id),
                new LeaseClaim.Take("hookline_action", "lease_until = ?", List.of(ts(leaseUntil)),
                        "status = ? AND (lease_until IS NULL OR lease_until < ?)", List.of(ActionStatus.PENDING.value(), ts(now)),
                        null),
                limit, held);
        List<StoredAction> claimed = new ArrayList<>(ids.size());
        for (String id : ids) find(id).ifPresent(claimed::add);
        return claimed;
    }

    /** The earliest time a pending action comes due, if any (lets the worker sleep until then). */
    public Optional<Instant> nextDue() {
        return Optional.ofNullable(jdbc.queryForObject("SELECT MIN(due_at) FROM hookline_action WHERE status = ?",
                Timestamp.class, ActionStatus.PENDING.value())).map(Timestamp::toInstant);
    }

    /**
     * Records one try and what follows: done, failed, or pending again at {@code dueAt}. Only while the
     * action is still pending, with one exception: a try that ended {@code done} after a cancellation
     * came during it is recorded done, because what it did (a mail, a lead) happened. A cancellation
     * that came during a try that failed, or is to be tried again, stands.
     */
    public void record(StoredAction action, ActionStatus status, Instant dueAt, String lastError, ActionAttempt attempt) {
        ActionStatus overridable = status == ActionStatus.DONE ? ActionStatus.CANCELLED : ActionStatus.PENDING;
        tx.executeWithoutResult(t -> {
            Integer next = jdbc.queryForObject("SELECT COALESCE(MAX(attempt), 0) + 1 FROM hookline_action_attempt "
                    + "WHERE action_id = ?", Integer.class, action.id());
            jdbc.update("INSERT INTO hookline_action_attempt (action_id, attempt, started_at, finished_at, outcome, detail) "
                            + "VALUES (?,?,?,?,?,?)", action.id(), next, ts(attempt.startedAt()), ts(attempt.finishedAt()),
                    attempt.outcome(), attempt.detail());
            jdbc.update("UPDATE hookline_action SET status = ?, due_at = ?, tries = tries + 1, last_error = ?, "
                            + "lease_until = NULL, updated_at = ? WHERE id = ? AND status IN (?, ?)", status.value(), ts(dueAt),
                    lastError, ts(attempt.finishedAt()), action.id(), ActionStatus.PENDING.value(), overridable.value());
        });
    }

    /** Lets a held action go without a try (shutdown): it is due again at once. */
    public void release(String id) {
        jdbc.update("UPDATE hookline_action SET lease_until = NULL WHERE id = ? AND status = ?", id,
                ActionStatus.PENDING.value());
    }

    public Optional<StoredAction> find(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM hookline_action a WHERE a.id = ?", ACTION, id).stream().findFirst();
    }

    public List<StoredAction> forEvent(String eventId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM hookline_action a WHERE a.event_id = ? ORDER BY a.automation, a.step",
                ACTION, eventId);
    }

    /** The work queue: actions with their event's source and type, newest first. */
    public List<QueuedAction> list(ActionQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + ", e.source, e.type FROM hookline_action a "
                + "JOIN hookline_event e ON e.id = a.event_id WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.status() != null) { sql.append(" AND a.status = ?"); args.add(q.status().value()); }
        if (q.automation() != null) { sql.append(" AND a.automation = ?"); args.add(q.automation()); }
        // Ids are time-ordered: the newest action first, the steps of one event in order.
        sql.append(" ORDER BY a.id DESC LIMIT ? OFFSET ?");
        args.add(q.limit());
        args.add(q.offset());
        return jdbc.query(sql.toString(), (rs, n) -> new QueuedAction(ACTION.mapRow(rs, n), rs.getString(12), rs.getString(13)),
                args.toArray());
    }

    /** How many actions are in {@code status}. */
    public long count(ActionStatus status) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM hookline_action WHERE status = ?", Long.class, status.value());
        return n == null ? 0 : n;
    }

    /** How many actions each automation has in each state, in one grouped query. */
    public Map<String, Map<ActionStatus, Long>> countsByAutomation() {
        Map<String, Map<ActionStatus, Long>> counts = new HashMap<>();
        jdbc.query("SELECT automation, status, COUNT(*) FROM hookline_action GROUP BY automation, status", rs -> {
            counts.computeIfAbsent(rs.getString(1), k -> new EnumMap<>(ActionStatus.class))
                    .put(ActionStatus.of(rs.getString(2)), rs.getLong(3));
        });
        return counts;
    }

    public List<ActionAttempt> attempts(String actionId) {
        return jdbc.query("SELECT attempt, started_at, finished_at, outcome, detail FROM hookline_action_attempt "
                        + "WHERE action_id = ? ORDER BY attempt",
                (rs, n) -> new ActionAttempt(rs.getInt(1), instant(rs, 2), instant(rs, 3), rs.getString(4), rs.getString(5)),
                actionId);
    }

    /**
     * Runs actions of an event again from a fresh retry budget: the failed ones, or, when
     * {@code automation} is given, all of that automation's actions that are not pending (a
     * skipped trace is never run: it was not an action).
     */
    public int replay(String eventId, String automation, Instant now) {
        if (automation == null) {
            return jdbc.update("UPDATE hookline_action SET status = ?, tries = 0, due_at = ?, lease_until = NULL, "
                            + "updated_at = ? WHERE event_id = ? AND status = ?", ActionStatus.PENDING.value(), ts(now),
                    ts(now), eventId, ActionStatus.FAILED.value());
        }
        return jdbc.update("UPDATE hookline_action SET status = ?, tries = 0, due_at = ?, lease_until = NULL, "
                        + "updated_at = ? WHERE event_id = ? AND automation = ? AND status NOT IN (?, ?)",
                ActionStatus.PENDING.value(), ts(now), ts(now), eventId, automation, ActionStatus.PENDING.value(),
                ActionStatus.SKIPPED.value());
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
