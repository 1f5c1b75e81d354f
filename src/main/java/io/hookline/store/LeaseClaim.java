package io.hookline.store;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The one way the stores claim due rows under a lease (events to recover, actions, deliveries), the
 * same on H2 and PostgreSQL. First a plain {@code SELECT} of the candidates ({@link Due}: in the
 * order and up to the limit the caller wants; rows this instance holds are dropped), then a
 * conditional {@code UPDATE} ({@link Take}) that only succeeds where the row is still claimable
 * ({@code guard}): of two instances claiming at once, each row goes to one. No row locks are held
 * between the two statements (no {@code SELECT … FOR UPDATE}): a row someone else took meanwhile
 * simply fails the guard.
 *
 * <p>With an owner column, the rows are taken in one statement, marked with a token of this claim;
 * if some were taken by another claim first, those this claim holds are read back by primary key
 * and token. Without one, each row is taken by its own conditional update.
 */
final class LeaseClaim {

    /**
     * The candidates: a {@code SELECT} ending in {@code LIMIT ?} (the limit is added to {@code args}),
     * how a row is read, and its id.
     */
    record Due<T>(String select, List<Object> args, RowMapper<T> rows, Function<T, String> id) {
    }

    /**
     * How a row is taken: {@code UPDATE table SET set WHERE guard} for the candidates' ids;
     * {@code ownerColumn} (or null) receives the claim's token.
     */
    record Take(String table, String set, List<Object> setArgs, String guard, List<Object> guardArgs, String ownerColumn) {
    }

    private LeaseClaim() {
    }

    /** Claims up to {@code limit} rows, skipping those in {@code held}; answers them as selected, in order. */
    static <T> List<T> claim(JdbcTemplate jdbc, Due<T> due, Take take, int limit, Set<String> held) {
        List<Object> selectArgs = new ArrayList<>(due.args());
        selectArgs.add(limit);
        List<T> candidates = jdbc.query(due.select(), due.rows(), selectArgs.toArray()).stream()
                .filter(row -> !held.contains(due.id().apply(row))).toList();
        if (candidates.isEmpty()) return List.of();
        if (take.ownerColumn() == null) {
            List<T> claimed = new ArrayList<>(candidates.size());
            String sql = "UPDATE " + take.table() + " SET " + take.set() + " WHERE id = ? AND " + take.guard();
            for (T row : candidates) {
                List<Object> args = new ArrayList<>(take.setArgs());
                args.add(due.id().apply(row));
                args.addAll(take.guardArgs());
                if (jdbc.update(sql, args.toArray()) == 1) claimed.add(row);
            }
            return claimed;
        }
        String owner = UUID.randomUUID().toString();
        String marks = EventStore.placeholders(candidates.size());
        List<Object> args = new ArrayList<>(take.setArgs());
        args.add(owner);
        args.addAll(take.guardArgs());
        candidates.forEach(row -> args.add(due.id().apply(row)));
        int won = jdbc.update("UPDATE " + take.table() + " SET " + take.set() + ", " + take.ownerColumn() + " = ? WHERE "
                + take.guard() + " AND id IN (" + marks + ")", args.toArray());
        if (won == candidates.size()) return candidates;
        // Another claim took some of them first: keep the ones this claim holds, looked up by primary key
        // (the owner column has no index: filtering on it alone would scan every row ever stored).
        List<Object> mine = new ArrayList<>(candidates.size() + 1);
        mine.add(owner);
        candidates.forEach(row -> mine.add(due.id().apply(row)));
        Set<String> taken = new LinkedHashSet<>(jdbc.queryForList("SELECT id FROM " + take.table() + " WHERE "
                + take.ownerColumn() + " = ? AND id IN (" + marks + ")", String.class, mine.toArray()));
        return candidates.stream().filter(row -> taken.contains(due.id().apply(row))).toList();
    }
}
