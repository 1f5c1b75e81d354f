package io.hookline.store;

import static io.hookline.store.EventWriter.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    private static final String COLUMNS = "id, event_id, automation, step, status, due_at, tries, correlation, last_error, updated_at";
    private static final RowMapper<StoredAction> ACTION = (rs, n) -> new StoredAction(rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getInt(4), ActionStatus.of(rs.getString(5)), instant(rs, 6), rs.getInt(7),
            rs.getString(8), rs.getString(9), instant(rs, 10));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public ActionStore(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** A new action; answers false when this (event, automation, step) was already scheduled. */
    public boolean schedule(String eventId, String automation, int step, Instant dueAt, String correlation, Instant now) {
        try {
            jdbc.update("INSERT INTO hookline_action (id, event_id, automation, step, status, due_at, tries, correlation, "
                            + "updated_at) VALUES (?,?,?,?,?,?,0,?,?)", EventIds.next(), eventId, automation, step,
                    ActionStatus.PENDING.value(), ts(dueAt), correlation, ts(now));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
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
     * each with a conditional update so that two workers or instances never take the same one.
     */
    public List<StoredAction> claimDue(Instant now, Instant leaseUntil, int limit, Set<String> held) {
        List<String> ids = jdbc.queryForList("SELECT id FROM hookline_action WHERE status = ? AND due_at <= ? "
                        + "AND (lease_until IS NULL OR lease_until < ?) ORDER BY due_at LIMIT ?", String.class,
                ActionStatus.PENDING.value(), ts(now), ts(now), limit);
        List<StoredAction> claimed = new ArrayList<>();
        for (String id : ids) {
            if (held.contains(id)) continue;
            int won = jdbc.update("UPDATE hookline_action SET lease_until = ? WHERE id = ? AND status = ? "
                    + "AND (lease_until IS NULL OR lease_until < ?)", ts(leaseUntil), id, ActionStatus.PENDING.value(), ts(now));
            if (won == 1) find(id).ifPresent(claimed::add);
        }
        return claimed;
    }

    /** The earliest time a pending action comes due, if any (lets the worker sleep until then). */
    public Optional<Instant> nextDue() {
        return Optional.ofNullable(jdbc.queryForObject("SELECT MIN(due_at) FROM hookline_action WHERE status = ?",
                Timestamp.class, ActionStatus.PENDING.value())).map(Timestamp::toInstant);
    }

    /**
     * Records one try and what follows: done, failed, or pending again at {@code dueAt}. Only
     * while the action is still pending: a cancellation that came meanwhile stands.
     */
    public void record(StoredAction action, ActionStatus status, Instant dueAt, String lastError, ActionAttempt attempt) {
        tx.executeWithoutResult(t -> {
            Integer next = jdbc.queryForObject("SELECT COALESCE(MAX(attempt), 0) + 1 FROM hookline_action_attempt "
                    + "WHERE action_id = ?", Integer.class, action.id());
            jdbc.update("INSERT INTO hookline_action_attempt (action_id, attempt, started_at, finished_at, outcome, detail) "
                            + "VALUES (?,?,?,?,?,?)", action.id(), next, ts(attempt.startedAt()), ts(attempt.finishedAt()),
                    attempt.outcome(), attempt.detail());
            jdbc.update("UPDATE hookline_action SET status = ?, due_at = ?, tries = tries + 1, last_error = ?, "
                            + "lease_until = NULL, updated_at = ? WHERE id = ? AND status = ?", status.value(), ts(dueAt),
                    lastError, ts(attempt.finishedAt()), action.id(), ActionStatus.PENDING.value());
        });
    }

    /** Lets a held action go without a try (shutdown): it is due again at once. */
    public void release(String id) {
        jdbc.update("UPDATE hookline_action SET lease_until = NULL WHERE id = ? AND status = ?", id,
                ActionStatus.PENDING.value());
    }

    public Optional<StoredAction> find(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM hookline_action WHERE id = ?", ACTION, id).stream().findFirst();
    }

    public List<StoredAction> forEvent(String eventId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM hookline_action WHERE event_id = ? ORDER BY automation, step",
                ACTION, eventId);
    }

    public List<ActionAttempt> attempts(String actionId) {
        return jdbc.query("SELECT attempt, started_at, finished_at, outcome, detail FROM hookline_action_attempt "
                        + "WHERE action_id = ? ORDER BY attempt",
                (rs, n) -> new ActionAttempt(rs.getInt(1), instant(rs, 2), instant(rs, 3), rs.getString(4), rs.getString(5)),
                actionId);
    }

    /**
     * Runs actions of an event again from a fresh retry budget: the failed ones, or, when
     * {@code automation} is given, all of that automation's actions that are not pending.
     */
    public int replay(String eventId, String automation, Instant now) {
        if (automation == null) {
            return jdbc.update("UPDATE hookline_action SET status = ?, tries = 0, due_at = ?, lease_until = NULL, "
                            + "updated_at = ? WHERE event_id = ? AND status = ?", ActionStatus.PENDING.value(), ts(now),
                    ts(now), eventId, ActionStatus.FAILED.value());
        }
        return jdbc.update("UPDATE hookline_action SET status = ?, tries = 0, due_at = ?, lease_until = NULL, "
                        + "updated_at = ? WHERE event_id = ? AND automation = ? AND status <> ?", ActionStatus.PENDING.value(),
                ts(now), ts(now), eventId, automation, ActionStatus.PENDING.value());
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
