package io.hookline.store;

import static io.hookline.store.EventWriter.ts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The registered webhooks. */
@Repository
public class WebhookStore {

    private static final String COLUMNS = "id, nickname, url, events, enabled, signature, secret, previous_secret, "
            + "previous_secret_until, origin, failing_since, disabled_reason, created_at, updated_at";
    private static final TypeReference<List<String>> LIST = new TypeReference<>() {};

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final RowMapper<Webhook> rows;

    public WebhookStore(JdbcTemplate jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.rows = (rs, n) -> new Webhook(rs.getString(1), rs.getString(2), rs.getString(3), list(rs.getString(4)),
                rs.getBoolean(5), rs.getString(6), rs.getString(7), rs.getString(8), instant(rs, 9), rs.getString(10),
                instant(rs, 11), rs.getString(12), instant(rs, 13), instant(rs, 14));
    }

    public void insert(Webhook w) {
        jdbc.update("INSERT INTO hookline_webhook (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", w.id(),
                w.nickname(), w.url(), json(w.events()), w.enabled(), w.signature(), w.secret(), w.previousSecret(),
                ts(w.previousSecretUntil()), w.origin(), ts(w.failingSince()), w.disabledReason(), ts(w.createdAt()),
                ts(w.updatedAt()));
    }

    /** Rewrites everything but the id and creation time. */
    public void update(Webhook w) {
        jdbc.update("UPDATE hookline_webhook SET nickname = ?, url = ?, events = ?, enabled = ?, signature = ?, secret = ?, "
                        + "previous_secret = ?, previous_secret_until = ?, origin = ?, failing_since = ?, disabled_reason = ?, "
                        + "updated_at = ? WHERE id = ?", w.nickname(), w.url(), json(w.events()), w.enabled(), w.signature(),
                w.secret(), w.previousSecret(), ts(w.previousSecretUntil()), w.origin(), ts(w.failingSince()),
                w.disabledReason(), ts(w.updatedAt()), w.id());
    }

    public boolean delete(String id) {
        return jdbc.update("DELETE FROM hookline_webhook WHERE id = ?", id) == 1;
    }

    public Optional<Webhook> find(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM hookline_webhook WHERE id = ?", rows, id).stream().findFirst();
    }

    public Optional<Webhook> findByNickname(String nickname) {
        return jdbc.query("SELECT " + COLUMNS + " FROM hookline_webhook WHERE nickname = ?", rows, nickname).stream().findFirst();
    }

    /** Oldest first. */
    public List<Webhook> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM hookline_webhook ORDER BY id", rows);
    }

    public List<Webhook> enabled() {
        return jdbc.query("SELECT " + COLUMNS + " FROM hookline_webhook WHERE enabled = TRUE ORDER BY id", rows);
    }

    /** A failed attempt: starts the run of failures if none is running; answers when it started. */
    public Instant failing(String id, Instant now) {
        // Read first: only the first failure of a run writes (a write waits for the store's flush).
        Timestamp since = failingSince(id);
        if (since != null) return since.toInstant();
        jdbc.update("UPDATE hookline_webhook SET failing_since = ? WHERE id = ? AND failing_since IS NULL", ts(now), id);
        since = failingSince(id);
        return since == null ? now : since.toInstant();
    }

    private Timestamp failingSince(String id) {
        return jdbc.queryForList("SELECT failing_since FROM hookline_webhook WHERE id = ?", Timestamp.class, id).stream()
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /** A success ends the run of failures. */
    public void succeeding(String id) {
        jdbc.update("UPDATE hookline_webhook SET failing_since = NULL WHERE id = ? AND failing_since IS NOT NULL", id);
    }

    /** Disables the webhook unless it already is; answers whether this call did it. */
    public boolean disable(String id, String reason, Instant now) {
        return jdbc.update("UPDATE hookline_webhook SET enabled = FALSE, disabled_reason = ?, updated_at = ? "
                + "WHERE id = ? AND enabled = TRUE", reason, ts(now), id) == 1;
    }

    private String json(List<String> events) {
        try {
            return mapper.writeValueAsString(events);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> list(String json) {
        try {
            return mapper.readValue(json, LIST);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored events of a webhook are not a JSON list", e);
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
