package io.hookline.api;

import io.hookline.problem.Problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The paging of every list the admin API answers: {@code limit} 1–{@value #MAX_LIMIT} (default
 * 50), {@code offset} from 0; the answer is {@code {"<items>": […], "limit", "offset"}}.
 */
record Page(int limit, int offset) {

    static final int MAX_LIMIT = 500;

    /** Checks the request's limit and offset; 400 when out of range. */
    static Page of(int limit, int offset) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new Problem(400, "bad_request", "limit must be between 1 and " + MAX_LIMIT);
        }
        if (offset < 0) throw new Problem(400, "bad_request", "offset must not be negative");
        return new Page(limit, offset);
    }

    Map<String, Object> body(String name, List<?> items) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(name, items);
        body.put("limit", limit);
        body.put("offset", offset);
        return body;
    }
}
