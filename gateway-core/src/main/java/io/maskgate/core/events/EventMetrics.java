package io.maskgate.core.events;

/** Meter names and tag keys of interaction event publishing (Prometheus form). Public API for dashboards. */
public final class EventMetrics {

    /** Counter: events the stream accepted, tagged {@link #TAG_TYPE}. */
    public static final String PUBLISHED = "maskgate_events_published_total";

    /**
     * Counter: events not delivered (Redis down or slow, too many in flight), tagged
     * {@link #TAG_CAUSE}. Calls are unaffected; alert when it keeps rising.
     */
    public static final String FAILED = "maskgate_events_failed_total";

    /** Counter: text fields masked because they looked like a phone number, tagged {@link #TAG_FIELD}. Should stay at zero. */
    public static final String MASKED_FIELDS = "maskgate_events_masked_fields_total";

    /** Gauge: events handed to Redis and not yet acknowledged. */
    public static final String IN_FLIGHT = "maskgate_events_in_flight";

    /** Event type: the {@link EventType#wireName()} values. */
    public static final String TAG_TYPE = "type";

    /** Why an event was not delivered: {@code unavailable} (no connection), {@code error} (Redis answered with an error or timed out), {@code backlog} (in-flight cap reached). */
    public static final String TAG_CAUSE = "cause";

    /** Masked field: {@code purpose|caller|callee}. */
    public static final String TAG_FIELD = "field";

    private EventMetrics() {
    }
}
