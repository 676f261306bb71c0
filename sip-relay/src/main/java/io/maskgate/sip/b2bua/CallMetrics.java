package io.maskgate.sip.b2bua;

import io.maskgate.core.metrics.Buckets;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/** The B2BUA's meters. Names and tag values are constants; every series is registered at start. */
public final class CallMetrics {

    /** Counter: calls by how they ended; tags {@link #TAG_OUTCOME} and {@link #TAG_REASON} ({@link CallOutcome}). */
    public static final String CALLS = "maskgate_sip_calls_total";
    /** Gauge: calls in the dialog table (each one a pair of dialogs: inbound and outbound). */
    public static final String DIALOGS_ACTIVE = "maskgate_sip_dialogs_active";
    /** Counter: new INVITEs (out of dialog) received; every one later counts once in {@link #CALLS}. */
    public static final String CALLS_ATTEMPTED = "maskgate_sip_calls_attempted_total";
    /**
     * Histogram: from the INVITE received to the first 180, 183 or 2xx relayed to the caller;
     * buckets {@link Buckets#CALL_SETUP}.
     */
    public static final String CALL_SETUP = "maskgate_sip_call_setup_seconds";

    /**
     * Counter: answered calls the gateway ended with BYE on both legs because no session refresh
     * (RFC 4028) passed within the session interval: endpoints that died or lost their path. Such a
     * call counted {@code connected} in {@link #CALLS} at its answer; its {@code call_ended} event
     * says {@code hungup_by=gateway}.
     */
    public static final String SESSION_TIMER_EXPIRED = "maskgate_sip_session_timer_expired_total";

    /** {@code connected|failed|refused|cancelled}. */
    public static final String TAG_OUTCOME = "outcome";
    /** See {@link CallOutcome#reason()}. */
    public static final String TAG_REASON = "reason";

    private final Map<CallOutcome, Counter> calls = new EnumMap<>(CallOutcome.class);
    private final Counter attempted;
    private final Counter sessionTimerExpired;
    private final Timer setup;

    CallMetrics(MeterRegistry registry, Supplier<Number> activeCalls) {
        for (CallOutcome o : CallOutcome.values()) {
            calls.put(o, registry.counter(CALLS, TAG_OUTCOME, o.outcome(), TAG_REASON, o.reason()));
        }
        this.attempted = registry.counter(CALLS_ATTEMPTED);
        this.sessionTimerExpired = registry.counter(SESSION_TIMER_EXPIRED);
        Gauge.builder(DIALOGS_ACTIVE, activeCalls).register(registry);
        this.setup = Timer.builder(CALL_SETUP).serviceLevelObjectives(Buckets.CALL_SETUP).register(registry);
    }

    void attempted() {
        attempted.increment();
    }

    void ended(CallOutcome outcome) {
        calls.get(outcome).increment();
    }

    void sessionTimerExpired() {
        sessionTimerExpired.increment();
    }

    void setupTook(Duration d) {
        setup.record(d);
    }
}
