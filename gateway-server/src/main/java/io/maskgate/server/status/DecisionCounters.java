package io.maskgate.server.status;

import io.maskgate.core.routing.Channel;
import io.maskgate.core.routing.RoutingMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Reads the routing decision counters ({@link RoutingMetrics#DECISIONS}) into the series the status
 * page draws: {@link #CALLS} (voice decisions), {@link #SMS} (SMS decisions) and
 * {@link #REFUSED_PREFIX}{@code <reason>} (refusals of both channels by reason). Tag values are the
 * fixed sets the router registers, so no series name can hold a number.
 */
public final class DecisionCounters implements Supplier<Map<String, Double>> {

    public static final String CALLS = "calls";
    public static final String SMS = "sms";
    public static final String REFUSED_PREFIX = "refused:";

    static final String TAG_CHANNEL = "channel";
    static final String TAG_OUTCOME = "outcome";
    static final String TAG_REASON = "reason";
    static final String REFUSED = "refused";

    private final MeterRegistry registry;

    public DecisionCounters(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public Map<String, Double> get() {
        Map<String, Double> totals = new HashMap<>();
        totals.put(CALLS, 0.0);
        totals.put(SMS, 0.0);
        for (Counter c : registry.find(RoutingMetrics.DECISIONS).counters()) {
            String channel = c.getId().getTag(TAG_CHANNEL);
            if (Channel.VOICE.tag().equals(channel)) {
                totals.merge(CALLS, c.count(), Double::sum);
            } else if (Channel.SMS.tag().equals(channel)) {
                totals.merge(SMS, c.count(), Double::sum);
            }
            if (REFUSED.equals(c.getId().getTag(TAG_OUTCOME)) && c.getId().getTag(TAG_REASON) != null) {
                totals.merge(REFUSED_PREFIX + c.getId().getTag(TAG_REASON), c.count(), Double::sum);
            }
        }
        return totals;
    }
}
