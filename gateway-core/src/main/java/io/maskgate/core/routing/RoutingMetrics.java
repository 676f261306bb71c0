package io.maskgate.core.routing;

import io.maskgate.core.metrics.Buckets;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Meter names and tags of the routing decision; constants so dashboards and alerts can rely on them. */
public final class RoutingMetrics {
    /** Counter: every routing decision, tags {@code channel}, {@code outcome} (routed|refused|fallback: an
     * out-of-session call redirected to the fallback number), {@code reason}. */
    public static final String DECISIONS = "maskgate_routing_decisions_total";

    /** Counter: decision observers (decision log, events) that threw; the decision itself stood. */
    public static final String OBSERVER_FAILURES = "maskgate_routing_observer_failures_total";

    /**
     * Histogram: the session store's answer to a routing lookup, as the router waited for it;
     * tag {@code outcome} {@code found|no_session|unavailable}. Buckets {@link Buckets#LOOKUP}.
     */
    public static final String STORE_LOOKUP = "maskgate_routing_store_lookup_seconds";

    /**
     * Histogram: the consent gate's answer, as the router waited for it (cache or platform); tag
     * {@code outcome} {@code granted|denied|unavailable}. Buckets {@link Buckets#LOOKUP}.
     */
    public static final String CONSENT_CHECK = "maskgate_routing_consent_check_seconds";

    public static final String TAG_OUTCOME = "outcome";

    /**
     * Counter: session touches (in-progress status, sliding-window extension) that failed after a
     * routed decision. The decision stood; a sliding session may expire early.
     */
    public static final String TOUCH_FAILURES = "maskgate_routing_session_touch_failures_total";

    private RoutingMetrics() {}

    static Counter touchFailures(MeterRegistry registry) {
        return Counter.builder(TOUCH_FAILURES)
                .description("Session activity updates that failed after a routed decision")
                .register(registry);
    }

    /** One histogram per closed outcome value; registered up front so that dashboards see zeros. */
    static Map<String, Timer> lookupTimers(MeterRegistry registry, String name, List<String> outcomes) {
        Map<String, Timer> timers = new HashMap<>();
        for (String outcome : outcomes) {
            timers.put(outcome, Timer.builder(name).tag(TAG_OUTCOME, outcome)
                    .serviceLevelObjectives(Buckets.LOOKUP).register(registry));
        }
        return timers;
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
