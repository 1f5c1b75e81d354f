package io.hookline.store;

import static io.hookline.store.EventWriter.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Published messages and their deliveries. Messages, deliveries and attempt outcomes are written
 * in batches (see {@code DeliveryWriter}), a message with all its deliveries in one transaction; deliveries are then claimed in batches under a
 * lease (one statement per batch, so two workers or instances never take the same one).
 */
@Repository
public class DeliveryStore {

    private static final String COLUMNS = "id, message_id, webhook_id, event, status, tries, next_attempt_at, last_error, "
            + "created_at, updated_at, attempt_count";
    private static final RowMapper<Delivery> DELIVERY = (rs, n) -> new Delivery(rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6), instant(rs, 7), rs.getString(8),
            instant(rs, 9), instant(rs, 10), rs.getInt(11));

    /** A claimed delivery with what it sends. */
    public record Claimed(Delivery delivery, String body) {
    }

    /** The lease owner of deliveries the publishing instance sends itself. */
    private static final String HANDED_OVER = "publisher";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public DeliveryStore(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /**
     * Deletes up to {@code limit} outbound messages created before {@code cutoff} none of whose
     * deliveries is pending, with their deliveries and every attempt; answers how many messages went.
     * A delivery re-sent meanwhile (pending again) keeps its message.
     */
    public int purgeFinishedBefore(Instant cutoff, int limit) {
        List<String> ids = jdbc.queryForList("SELECT m.id FROM hookline_message m WHERE m.id < ? AND NOT EXISTS "
                        + "(SELECT 1 FROM hookline_delivery d WHERE d.message_id = m.id AND d.status = ?) ORDER BY m.id LIMIT ?",
                String.class, EventIds.floor(cutoff), Delivery.PENDING, limit);
        if (ids.isEmpty()) return 0;
        String marks = EventStore.placeholders(ids.size());
        List<Object> args = new ArrayList<>(ids);
        args.add(Delivery.PENDING);
        Integer purged = tx.execute(status -> {
            jdbc.update("DELETE FROM hookline_delivery_attempt WHERE delivery_id IN (SELECT id FROM hookline_delivery "
                    + "WHERE message_id IN (" + marks + ") AND status <> ?)", args.toArray());
            jdbc.update("DELETE FROM hookline_delivery WHERE message_id IN (" + marks + ") AND status <> ?", args.toArray());
            return jdbc.update("DELETE FROM hookline_message WHERE id IN (" + marks + ") AND NOT EXISTS "
                    + "(SELECT 1 FROM hookline_delivery d WHERE d.message_id = hookline_message.id)", ids.toArray());
        });
        return purged == null ? 0 : purged;
    }

    /**
     * Takes up to {@code limit} due deliveries, in one conditional update ({@link LeaseClaim}). A claimed delivery is due
     * again for the store only when the lease runs out ({@code next_attempt_at} moves there until its
     * outcome is written), so no poller looks at it meanwhile; the answer keeps the time it was due.
     */
    public List<Claimed> claimDue(Instant now, Instant leaseUntil, int limit) {
        // ORDER BY status too (a constant here): then H2 reads the (status, next_attempt_at) index in order and
        // stops at the limit, instead of reading and sorting every due delivery (all of a backlog) per claim.
        return LeaseClaim.claim(jdbc,
                new LeaseClaim.Due<>("SELECT d.id, d.message_id, d.webhook_id, d.event, d.status, d.tries, "
                        + "d.next_attempt_at, d.last_error, d.created_at, d.updated_at, d.attempt_count, m.body "
                        + "FROM hookline_delivery d JOIN hookline_message m ON m.id = d.message_id "
                        + "WHERE d.status = ? AND d.next_attempt_at <= ? AND (d.lease_until IS NULL OR d.lease_until < ?) "
                        + "ORDER BY d.status, d.next_attempt_at LIMIT ?", List.of(Delivery.PENDING, ts(now), ts(now)),
                        (rs, n) -> new Claimed(DELIVERY.mapRow(rs, n), rs.getString(12)), c -> c.delivery().id()),
                // One statement for the whole batch, marked with the claim's token in lease_owner.
                new LeaseClaim.Take("hookline_delivery", "lease_until = ?, next_attempt_at = ?",
                        List.of(ts(leaseUntil), ts(leaseUntil)), "status = ? AND (lease_until IS NULL OR lease_until < ?)",
                        List.of(Delivery.PENDING, ts(now)), "lease_owner"),
                limit, Set.of());
    }

    /**
     * An attempt and what follows it (succeeded, failed, or pending again at {@code next}). The attempt is
     * always logged; the delivery changes only if it is still pending: one whose webhook was disabled or
     * deleted during the attempt stays failed.
     */
    public record Outcome(Delivery delivery, DeliveryAttempt attempt, String status, Instant next, String lastError, Instant now) {
    }

    // The columns' JDBC types, so that a null binds at once (see EventWriter).
    private static final int[] MESSAGE_TYPES = {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP};
    private static final int[] DELIVERY_TYPES = {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP, Types.TIMESTAMP, Types.VARCHAR, Types.TIMESTAMP, Types.TIMESTAMP};
    private static final int[] MOVE_TYPES = {Types.VARCHAR};
    private static final int[] OUTCOME_TYPES = {Types.VARCHAR, Types.TIMESTAMP, Types.VARCHAR, Types.TIMESTAMP,
            Types.TIMESTAMP, Types.TIMESTAMP, Types.BIGINT, Types.VARCHAR, Types.INTEGER, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
            Types.VARCHAR};

    /** The latest attempt's columns in the delivery row, in the order of the attempt table's. */
    private static final String LATEST = "attempt_scheduled_at, attempt_started_at, attempt_duration_ms, attempt_request_headers, "
            + "attempt_response_status, attempt_response_headers, attempt_response_body, attempt_error";
    private static final String ATTEMPT_COLUMNS = "scheduled_at, started_at, duration_ms, request_headers, response_status, "
            + "response_headers, response_body, error";
    /**
     * Before a later attempt takes its place, the row's latest attempt moves to the attempt table. A first
     * attempt has nothing to move, so a delivery that succeeds at once writes no attempt row (as events, V9).
     */
    private static final String MOVE_LATEST = "INSERT INTO hookline_delivery_attempt (delivery_id, attempt, " + ATTEMPT_COLUMNS
            + ") SELECT id, attempt_count, " + LATEST + " FROM hookline_delivery WHERE id = ? AND attempt_started_at IS NOT NULL";
    private static final String PENDING_NOW = "CASE WHEN status = '" + Delivery.PENDING + "' THEN ";
    /**
     * Records an attempt in the row and numbers it, whatever the delivery's status; what follows the attempt
     * (status, retry time, error, lease) changes only while the delivery is still pending: one whose webhook
     * was disabled or deleted during the attempt stays failed. Every SET reads the row as it was.
     */
    private static final String RECORD = "UPDATE hookline_delivery SET "
            + "status = " + PENDING_NOW + "? ELSE status END, "
            + "tries = " + PENDING_NOW + "tries + 1 ELSE tries END, "
            + "next_attempt_at = " + PENDING_NOW + "? ELSE next_attempt_at END, "
            + "last_error = " + PENDING_NOW + "? ELSE last_error END, "
            + "lease_until = " + PENDING_NOW + "NULL ELSE lease_until END, "
            + "lease_owner = " + PENDING_NOW + "NULL ELSE lease_owner END, "
            + "updated_at = " + PENDING_NOW + "? ELSE updated_at END, "
            + "attempt_count = attempt_count + 1, "
            + String.join(" = ?, ", LATEST.split(", ")) + " = ? WHERE id = ?";

    /**
     * A message and one delivery per webhook, due at {@code now}. With {@code handedOverUntil}, the
     * publishing instance sends the deliveries itself, at once: they are stored under its lease
     * until then, and only then due for the store's poller (if that instance has not sent them).
     */
    public record NewMessage(String messageId, String event, String body, List<String> deliveryIds, List<String> webhookIds,
                             Instant now, Instant handedOverUntil) {
    }

    /**
     * Writes messages with their deliveries and attempt outcomes in one transaction, with one batch
     * statement per table: what the delivery writer gathered since its last commit.
     */
    public void write(List<NewMessage> messages, List<Outcome> outcomes) {
        List<Object[]> messageRows = new ArrayList<>();
        List<Object[]> deliveryRows = new ArrayList<>();
        for (NewMessage m : messages) {
            messageRows.add(new Object[] {m.messageId(), m.event(), m.body(), ts(m.now())});
            Instant due = m.handedOverUntil() == null ? m.now() : m.handedOverUntil();
            String owner = m.handedOverUntil() == null ? null : HANDED_OVER;
            for (int i = 0; i < m.deliveryIds().size(); i++) {
                deliveryRows.add(new Object[] {m.deliveryIds().get(i), m.messageId(), m.webhookIds().get(i), m.event(),
                        Delivery.PENDING, ts(due), ts(m.handedOverUntil()), owner, ts(m.now()), ts(m.now())});
            }
        }
        List<Object[]> moves = new ArrayList<>();
        List<Object[]> records = new ArrayList<>();
        // A success ends its webhook's run of failures (auto-disable counts from its first failure).
        Set<String> succeeding = new LinkedHashSet<>();
        for (Outcome o : outcomes) {
            if (Delivery.SUCCEEDED.equals(o.status())) succeeding.add(o.delivery().webhookId());
            DeliveryAttempt a = o.attempt();
            // A delivery claimed with no attempt may still have one in its row: another instance's, recorded
            // after this claim read the row (a lease that ran out). The move's condition looks at the row itself.
            moves.add(new Object[] {o.delivery().id()});
            records.add(new Object[] {o.status(), ts(o.next()), o.lastError(), ts(o.now()), ts(a.scheduledAt()),
                    ts(a.startedAt()), a.durationMs(), a.requestHeaders(), a.responseStatus(), a.responseHeaders(),
                    a.responseBody(), a.error(), o.delivery().id()});
        }
        tx.executeWithoutResult(t -> {
            if (!messageRows.isEmpty()) {
                jdbc.batchUpdate("INSERT INTO hookline_message (id, event, body, created_at) VALUES (?,?,?,?)", messageRows,
                        MESSAGE_TYPES);
            }
            if (!deliveryRows.isEmpty()) {
                jdbc.batchUpdate("INSERT INTO hookline_delivery (id, message_id, webhook_id, event, status, tries, "
                        + "next_attempt_at, lease_until, lease_owner, created_at, updated_at) VALUES (?,?,?,?,?,0,?,?,?,?,?)",
                        deliveryRows, DELIVERY_TYPES);
            }
            if (!records.isEmpty()) {
                jdbc.batchUpdate(MOVE_LATEST, moves, MOVE_TYPES);
                jdbc.batchUpdate(RECORD, records, OUTCOME_TYPES);
            }
            for (String webhookId : succeeding) {
                jdbc.update("UPDATE hookline_webhook SET failing_since = NULL WHERE id = ? AND failing_since IS NOT NULL",
                        webhookId);
            }
        });
    }

    /** Lets held deliveries go without an attempt (shutdown, a lease about to run out): due again at once. */
    public void release(List<String> ids, Instant now) {
        if (ids.isEmpty()) return;
        jdbc.batchUpdate("UPDATE hookline_delivery SET lease_until = NULL, lease_owner = NULL, next_attempt_at = ? "
                + "WHERE id = ? AND status = ?", ids.stream().map(id -> new Object[] {ts(now), id, Delivery.PENDING}).toList());
    }

    /** Ends a pending delivery without sending it (its webhook was disabled or deleted). */
    public int failPending(String webhookId, String reason, Instant now) {
        return jdbc.update("UPDATE hookline_delivery SET status = ?, last_error = ?, lease_until = NULL, lease_owner = NULL, "
                + "updated_at = ? WHERE webhook_id = ? AND status = ?", Delivery.FAILED, reason, ts(now), webhookId, Delivery.PENDING);
    }

    /** Sends the delivery again from a fresh attempt budget, with the same delivery id; false if it is pending. */
    public boolean resend(String id, Instant now) {
        return jdbc.update("UPDATE hookline_delivery SET status = ?, tries = 0, next_attempt_at = ?, lease_until = NULL, "
                + "lease_owner = NULL, updated_at = ? WHERE id = ? AND status <> ?", Delivery.PENDING, ts(now), ts(now), id,
                Delivery.PENDING) == 1;
    }

    /** Re-sends the failed deliveries created since {@code since} (of one webhook, or all); answers how many. */
    public int resendFailed(Instant since, String webhookId, Instant now) {
        String where = " WHERE status = ? AND created_at >= ?" + (webhookId == null ? "" : " AND webhook_id = ?");
        List<Object> args = new ArrayList<>(List.of(Delivery.PENDING, ts(now), ts(now), Delivery.FAILED, ts(since)));
        if (webhookId != null) args.add(webhookId);
        return jdbc.update("UPDATE hookline_delivery SET status = ?, tries = 0, next_attempt_at = ?, lease_until = NULL, "
                + "lease_owner = NULL, updated_at = ?" + where, args.toArray());
    }

    /** How many deliveries are in {@code status} (one of {@link Delivery}'s constants). */
    public long count(String status) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM hookline_delivery WHERE status = ?", Long.class, status);
        return n == null ? 0 : n;
    }

    public Optional<Delivery> find(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM hookline_delivery WHERE id = ?", DELIVERY, id).stream().findFirst();
    }

    public Optional<String> body(String messageId) {
        return jdbc.queryForList("SELECT body FROM hookline_message WHERE id = ?", String.class, messageId).stream().findFirst();
    }

    /** Newest first: of one webhook, or of all ({@code webhookId} null); in one status, or in any ({@code status} null). */
    public List<Delivery> list(String webhookId, String status, int limit, int offset) {
        List<String> conditions = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (webhookId != null) {
            conditions.add("webhook_id = ?");
            args.add(webhookId);
        }
        if (status != null) {
            conditions.add("status = ?");
            args.add(status);
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        args.add(limit);
        args.add(offset);
        return jdbc.query("SELECT " + COLUMNS + " FROM hookline_delivery" + where + " ORDER BY id DESC LIMIT ? OFFSET ?",
                DELIVERY, args.toArray());
    }

    /**
     * Every attempt, oldest first: the latest is kept in the delivery's row, the earlier ones in
     * {@code hookline_delivery_attempt}. Deliveries attempted before 0.3 have all of theirs in the table.
     */
    public List<DeliveryAttempt> attempts(String deliveryId) {
        return jdbc.query("SELECT attempt, " + ATTEMPT_COLUMNS + " FROM hookline_delivery_attempt WHERE delivery_id = ? "
                        + "UNION ALL SELECT attempt_count, " + LATEST + " FROM hookline_delivery WHERE id = ? "
                        + "AND attempt_started_at IS NOT NULL ORDER BY 1",
                (rs, n) -> new DeliveryAttempt(rs.getInt(1), instant(rs, 2), instant(rs, 3),
                        rs.getLong(4), rs.getString(5), (Integer) rs.getObject(6), rs.getString(7), rs.getString(8),
                        rs.getString(9)), deliveryId, deliveryId);
    }

    /** The earliest time a pending delivery comes due. */
    public Optional<Instant> nextDue() {
        // The first entry of the (status, next_attempt_at) index, not MIN() over every pending delivery.
        return jdbc.queryForList("SELECT next_attempt_at FROM hookline_delivery WHERE status = ? "
                + "ORDER BY status, next_attempt_at LIMIT 1", Timestamp.class, Delivery.PENDING).stream().findFirst()
                .map(Timestamp::toInstant);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
