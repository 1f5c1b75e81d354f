package io.hookline.api;

import io.hookline.problem.Problem;

import io.hookline.store.ActionAttempt;
import io.hookline.store.ActionStatus;
import io.hookline.store.StoredAction;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How the admin API shows an automation action, in an event ({@code GET /api/events/{id}}) and in
 * the work queue ({@code GET /api/actions}): {@code automation}, {@code step} (from 1),
 * {@code status}, {@code tries}, {@code dueAt}, {@code lastError}; a skipped one also has
 * {@code detail} (why: the {@code when} filter that was false) and no last error.
 */
final class ActionViews {

    private ActionViews() {
    }

    static Map<String, Object> action(StoredAction a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("automation", a.automation());
        m.put("step", a.step() + 1);
        m.put("status", a.status().value());
        m.put("tries", a.tries());
        m.put("dueAt", a.dueAt().toString());
        boolean skipped = a.status() == ActionStatus.SKIPPED;
        m.put("lastError", skipped ? null : a.lastError());
        if (skipped) m.put("detail", a.lastError());
        return m;
    }

    static Map<String, Object> attempt(ActionAttempt a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("attempt", a.attempt());
        m.put("startedAt", a.startedAt().toString());
        m.put("finishedAt", a.finishedAt().toString());
        m.put("outcome", a.outcome());
        m.put("detail", a.detail());
        return m;
    }

    /** A status parameter ({@code status}, {@code automationStatus}); null when absent, 400 when unknown. */
    static ActionStatus status(String parameter, String value) {
        if (value == null) return null;
        try {
            return ActionStatus.of(value);
        } catch (IllegalArgumentException e) {
            throw new Problem(400, "bad_request", parameter + " must be one of " + names());
        }
    }

    private static String names() {
        List<String> all = Arrays.stream(ActionStatus.values()).map(ActionStatus::value).toList();
        return all.subList(0, all.size() - 1).stream().collect(Collectors.joining(", ")) + " or " + all.get(all.size() - 1);
    }
}
