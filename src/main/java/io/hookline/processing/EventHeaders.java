package io.hookline.processing;

/** Headers set on every event handed to the routes, so that routes can filter without parsing. */
public final class EventHeaders {
    public static final String EVENT_ID = "HooklineEventId";
    public static final String SOURCE = "HooklineSource";
    public static final String PROVIDER = "HooklineProvider";
    public static final String TYPE = "HooklineEventType";
    public static final String DELIVERY_ID = "HooklineDeliveryId";
    /** {@code <source>.<type>} with anything but letters, digits, '.', '_' and '-' replaced: the per-type route name. */
    public static final String ROUTE = "HooklineRoute";
    /** 1 for the first processing, then one more for each retry or replay. */
    public static final String ATTEMPT = "HooklineAttempt";
    /** Set by the dispatch route's automation step (ActionScheduler): how many automation actions the event scheduled. */
    public static final String ACTIONS = "HooklineActions";

    /** Set by the dispatch route's EventEnricher when a route {@code direct:enrich.<source>.<type>} ran over the event. */
    public static final String ENRICHED = "HooklineEnriched";

    private EventHeaders() {}
}
