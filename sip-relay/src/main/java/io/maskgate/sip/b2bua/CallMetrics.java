package io.maskgate.sip.b2bua;

import io.maskgate.core.metrics.Buckets;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
     * Histogram: the gateway's own share of {@link #CALL_SETUP}: from the INVITE received to the
     * first outbound INVITE sent (routing, the session lookup, composing), plus from the first
     * 180, 183 or 2xx received from the callee to its relay to the caller. The callee's time, and
     * the time between trunks on failover, are left out, so this tells a slow gateway from a slow
     * callee. Buckets {@link Buckets#SETUP_IN_GATEWAY}.
     */
    public static final String CALL_SETUP_IN_GATEWAY = "maskgate_sip_call_setup_in_gateway_seconds";

    /**
     * Counter: answered calls the gateway ended with BYE on both legs because no session refresh
     * (RFC 4028) passed within the session interval: endpoints that died or lost their path. Such a
     * call counted {@code connected} in {@link #CALLS} at its answer; its {@code call_ended} event
     * says {@code hungup_by=gateway}.
     */
    public static final String SESSION_TIMER_EXPIRED = "maskgate_sip_session_timer_expired_total";

    /**
     * Counter: {@link #CALLS} of the calls from each carrier named in conf ({@code sip.carriers}),
     * tags {@link #TAG_CARRIER}, {@link #TAG_OUTCOME} and {@link #TAG_REASON}: the answer-seizure
     * ratio and refusal reasons per inbound interconnect. Calls from an address no carrier names
     * count in {@link #CALLS} only.
     */
    public static final String CARRIER_CALLS_ENDED = "maskgate_sip_carrier_calls_ended_total";
    /** The carrier's conf name. */
    public static final String TAG_CARRIER = "carrier";

    /** {@code connected|failed|refused|cancelled|challenged} (challenged: 407, see {@link CallOutcome#CHALLENGED}). */
    public static final String TAG_OUTCOME = "outcome";
    /** See {@link CallOutcome#reason()}. */
    public static final String TAG_REASON = "reason";

    private final MeterRegistry registry;
    private final Map<CallOutcome, Counter> calls = new EnumMap<>(CallOutcome.class);
    /** Per carrier name, every outcome's series registered at its first call (a dashboard shows its zeros). */
    private final Map<String, Map<CallOutcome, Counter>> byCarrier = new ConcurrentHashMap<>();
    private final Counter attempted;
    private final Counter sessionTimerExpired;
    private final Timer setup;
    private final Timer setupInGateway;

    CallMetrics(MeterRegistry registry, Supplier<Number> activeCalls) {
        this.registry = registry;
        for (CallOutcome o : CallOutcome.values()) {
            calls.put(o, registry.counter(CALLS, TAG_OUTCOME, o.outcome(), TAG_REASON, o.reason()));
        }
        this.attempted = registry.counter(CALLS_ATTEMPTED);
        this.sessionTimerExpired = registry.counter(SESSION_TIMER_EXPIRED);
        Gauge.builder(DIALOGS_ACTIVE, activeCalls).register(registry);
        this.setup = Timer.builder(CALL_SETUP).serviceLevelObjectives(Buckets.CALL_SETUP).register(registry);
        this.setupInGateway = Timer.builder(CALL_SETUP_IN_GATEWAY).serviceLevelObjectives(Buckets.SETUP_IN_GATEWAY)
                .register(registry);
    }

    void attempted() {
        attempted.increment();
    }

    /** @param carrier the conf name of the carrier the INVITE came from; null when none is named for it */
    void ended(CallOutcome outcome, String carrier) {
        calls.get(outcome).increment();
        if (carrier != null) {
            byCarrier.computeIfAbsent(carrier, this::carrierSeries).get(outcome).increment();
        }
    }

    private Map<CallOutcome, Counter> carrierSeries(String carrier) {
        Map<CallOutcome, Counter> series = new EnumMap<>(CallOutcome.class);
        for (CallOutcome o : CallOutcome.values()) {
            series.put(o, registry.counter(CARRIER_CALLS_ENDED, TAG_CARRIER, carrier, TAG_OUTCOME, o.outcome(),
                    TAG_REASON, o.reason()));
        }
        return series;
    }

    void sessionTimerExpired() {
        sessionTimerExpired.increment();
    }

    /** @param total INVITE received to first 180/183/2xx relayed; {@code inGateway} the gateway's share of it */
    void setupTook(Duration total, Duration inGateway) {
        setup.record(total);
        setupInGateway.record(inGateway);
    }
}
