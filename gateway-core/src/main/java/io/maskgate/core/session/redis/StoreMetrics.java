package io.maskgate.core.session.redis;

import io.maskgate.core.metrics.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The store's meters, registered once up front so the hot path only looks up an enum map and no
 * tag value can ever be anything but the fixed names below.
 */
final class StoreMetrics {

    enum Op { CREATE, RESOLVE, FIND, CLOSE, TOUCH, DELETE, PING, REWRAP }

    enum Outcome { OK, NOT_FOUND, UNAVAILABLE, UNREADABLE, EXHAUSTED }

    enum Kind { ROUTING, SESSION }

    private final MeterRegistry registry;
    private final Map<Op, Map<Outcome, Timer>> timers = new EnumMap<>(Op.class);
    private final Map<Kind, Counter> unreadable = new EnumMap<>(Kind.class);

    StoreMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Op op : Op.values()) {
            Map<Outcome, Timer> byOutcome = new EnumMap<>(Outcome.class);
            for (Outcome outcome : Outcome.values()) {
                byOutcome.put(outcome, Timer.builder(MetricNames.STORE_COMMAND)
                        .description("Latency of session store operations")
                        .tag(MetricNames.TAG_OP, tagValue(op))
                        .tag(MetricNames.TAG_OUTCOME, tagValue(outcome))
                        .register(registry));
            }
            timers.put(op, byOutcome);
        }
        for (Kind kind : Kind.values()) {
            unreadable.put(kind, Counter.builder(MetricNames.STORE_UNREADABLE_ENTRIES)
                    .description("Stored entries that did not decrypt or decode")
                    .tag(MetricNames.TAG_KIND, tagValue(kind))
                    .register(registry));
        }
    }

    Timer.Sample start() {
        return Timer.start(registry);
    }

    void stop(Timer.Sample sample, Op op, Outcome outcome) {
        sample.stop(timers.get(op).get(outcome));
    }

    void unreadable(Kind kind) {
        unreadable.get(kind).increment();
    }

    static String tagValue(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
