package io.hookline.store;

import java.time.Instant;

/**
 * Filters for listing events, newest first; null means any. {@code automationStatus}: events
 * with at least one automation action in that state. {@code from}/{@code to}: received in
 * [from, to). {@code before}: keyset paging, only events older than that event id (stays fast
 * however deep one pages, unlike {@code offset}).
 */
public record EventQuery(String source, String type, EventStatus status, ActionStatus automationStatus,
                         String deliveryId, Instant from, Instant to, String before, int limit, int offset) {

    /** Every event, newest first, {@code limit} at a time. */
    public static EventQuery newest(int limit) {
        return new EventQuery(null, null, null, null, null, null, null, null, limit, 0);
    }
}
