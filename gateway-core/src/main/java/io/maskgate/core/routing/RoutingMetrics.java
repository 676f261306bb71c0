package io.maskgate.core.routing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Meter names and tags of the routing decision; constants so dashboards and alerts can rely on them. */
public final class RoutingMetrics {
    /** Counter: every routing decision, tags {@code channel}, {@code outcome} (routed|refused|fallback: an
     * out-of-session call redirected to the fallback number), {@code reason}. */
    public static final String DECISIONS = "maskgate_routing_decisions";

    /** Counter: decision observers (decision log, events) that threw; the decision itself stood. */
    public static final String OBSERVER_FAILURES = "maskgate_routing_observer_failures";

    /**
     * Counter: session touches (in-progress status, sliding-window extension) that failed after a
     * routed decision. The decision stood; a sliding session may expire early.
     */
    public static final String TOUCH_FAILURES = "maskgate_routing_session_touch_failures";

    private RoutingMetrics() {}

    static Counter touchFailures(MeterRegistry registry) {
        return Counter.builder(TOUCH_FAILURES)
                .description("Session activity updates that failed after a routed decision")
                .register(registry);
    }

    static Counter observerFailures(MeterRegistry registry) {
        return Counter.builder(OBSERVER_FAILURES)
                .description("Decision observers that threw; the routing decision was not affected")
                .register(registry);
    }

    static Counter decisions(MeterRegistry registry, Channel channel, String outcome, String reason) {
        return Counter.builder(DECISIONS)
                .description("Routing decisions by channel, outcome and refusal reason")
                .tag("channel", channel.tag())
                .tag("outcome", outcome)
                .tag("reason", reason)
                .register(registry);
    }
}
