package io.maskgate.smpp.metrics;

import io.maskgate.core.metrics.Buckets;
import io.maskgate.smpp.pdu.CommandStatus;
import io.maskgate.smpp.pdu.PduType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Meters of the SMPP relay, names in their Prometheus form (as {@code MetricNames} in
 * gateway-core). Every tag value comes from a fixed set: {@link PduType} tags, known
 * command_status values ({@link CommandStatus#label}), system_ids and SMSC names from conf. Never
 * a number, a message id or free text.
 */
public final class SmppMetrics {
    /** Counter: PDUs by {@code direction} (in|out), {@code type} ({@link PduType}) and {@code command_status}. */
    public static final String PDUS = "maskgate_smpp_pdus_total";
    /**
     * Histogram: from submit_sm received to submit_sm_resp decided (routing + upstream), tag
     * {@code outcome}; buckets {@code Buckets.SUBMIT}.
     */
    public static final String SUBMIT = "maskgate_smpp_submit_seconds";
    /** Gauge: submit_sm in the window (received, not yet answered), per {@code system_id}. */
    public static final String WINDOW_IN_USE = "maskgate_smpp_window_in_use";
    /** Counter: submit_sm answered ESME_RTHROTTLED, per {@code system_id} and {@code reason} (rate|window|upstream). */
    public static final String THROTTLED = "maskgate_smpp_throttled_total";
    /** Gauge: 1 when at least one bind to the upstream {@code smsc} is bound, else 0. */
    public static final String UPSTREAM_UP = "maskgate_smpp_upstream_up";
    /** Counter: deliver_sm from upstreams by {@code kind} (mo|receipt) and {@code outcome}. */
    public static final String DELIVERIES = "maskgate_smpp_deliveries_total";

    /** Counter: message-id map writes on MT accept, tag {@code outcome} (ok|failed). */
    public static final String RECEIPT_MAP_WRITES = "maskgate_smpp_receipt_map_writes_total";

    public static final String TAG_DIRECTION = "direction";
    public static final String TAG_TYPE = "type";
    public static final String TAG_STATUS = "command_status";
    public static final String TAG_SYSTEM_ID = "system_id";
    public static final String TAG_SMSC = "smsc";
    public static final String TAG_REASON = "reason";
    public static final String TAG_KIND = "kind";
    public static final String TAG_OUTCOME = "outcome";

    /** Which way a PDU went, seen from the relay. */
    public enum Direction {
        IN, OUT;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Why a submit was answered ESME_RTHROTTLED. */
    public enum ThrottleReason {
        /** The system_id's token bucket was empty. */
        RATE,
        /** The bind already had a window's worth of unanswered submit_sm. */
        WINDOW,
        /** Every upstream submit slot was busy, every bound SMSC was at its submit rate, or the SMSC throttled. */
        UPSTREAM;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<Long, Counter> pduCounters = new ConcurrentHashMap<>();
    /** The ESME_ROK series by direction and type (ordinals): nearly every PDU, found without a map. */
    private final Counter[][] okPdus = new Counter[Direction.values().length][PduType.values().length];
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public SmppMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        // the series dashboards and alerts start from, registered at zero before the first message
        for (Direction direction : Direction.values()) {
            for (PduType type : PduType.values()) {
                okPdus[direction.ordinal()][type.ordinal()] = pduCounter(direction, type, CommandStatus.ESME_ROK);
            }
        }
        submitTimer("ok");
    }

    /** Registers the throttled counters of one conf account at zero, for every reason. */
    public void registerThrottled(String systemId) {
        for (ThrottleReason reason : ThrottleReason.values()) {
            throttledCounter(systemId, reason);
        }
    }

    /** A PDU received or sent. */
    public void pdu(Direction direction, int commandId, int commandStatus) {
        counted(direction, PduType.of(commandId), commandStatus).increment();
    }

    private Counter counted(Direction direction, PduType type, int commandStatus) {
        if (commandStatus == CommandStatus.ESME_ROK) {
            return okPdus[direction.ordinal()][type.ordinal()];
        }
        return pduCounter(direction, type, commandStatus);
    }

    private Counter pduCounter(Direction direction, PduType type, int commandStatus) {
        // The key is a number built from the bounded label values (no string building per PDU);
        // unknown statuses share one key as they share the label. Direction and type sit in the
        // low digits, which a hash table indexes by (type ordinals are below 1000).
        long statusKey = CommandStatus.known().contains(commandStatus) ? commandStatus & 0xffffffffL : 1L << 32;
        long key = statusKey * 10_000L + direction.ordinal() * 1_000L + type.ordinal();
        return pduCounters.computeIfAbsent(key, k -> Counter.builder(PDUS)
                .description("SMPP PDUs by direction, type and command_status")
                .tag(TAG_DIRECTION, direction.tag()).tag(TAG_TYPE, type.tag())
                .tag(TAG_STATUS, CommandStatus.label(commandStatus))
                .register(registry));
    }

    /** A submit_sm answered ESME_RTHROTTLED; {@code systemId} is a conf account. */
    public void throttled(String systemId, ThrottleReason reason) {
        throttledCounter(systemId, reason).increment();
    }

    private Counter throttledCounter(String systemId, ThrottleReason reason) {
        return counters.computeIfAbsent("throttled|" + systemId + '|' + reason.tag(), k -> Counter.builder(THROTTLED)
                .description("submit_sm answered ESME_RTHROTTLED")
                .tag(TAG_SYSTEM_ID, systemId).tag(TAG_REASON, reason.tag())
                .register(registry));
    }

    /** A deliver_sm from upstream handled: {@code kind} mo|receipt, {@code outcome} from a fixed set. */
    public void delivery(String kind, String outcome) {
        counters.computeIfAbsent("delivery|" + kind + '|' + outcome, k -> Counter.builder(DELIVERIES)
                .description("deliver_sm from upstream SMSCs by kind and outcome")
                .tag(TAG_KIND, kind).tag(TAG_OUTCOME, outcome)
                .register(registry)).increment();
    }

    /** A message-id map write after an MT was accepted upstream; failed ones lose only the receipt. */
    public void receiptMapWrite(boolean ok) {
        String outcome = ok ? "ok" : "failed";
        counters.computeIfAbsent("mapwrite|" + outcome, k -> Counter.builder(RECEIPT_MAP_WRITES)
                .description("Message-id map writes on MT accept")
                .tag(TAG_OUTCOME, outcome)
                .register(registry)).increment();
    }

    /** Records how long a submit took; {@code outcome} is {@code ok} or a command_status label. */
    public void submitTook(long nanos, int commandStatus) {
        String outcome = commandStatus == CommandStatus.ESME_ROK ? "ok" : CommandStatus.label(commandStatus);
        submitTimer(outcome).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private Timer submitTimer(String outcome) {
        return timers.computeIfAbsent(outcome, k -> Timer.builder(SUBMIT)
                .description("submit_sm received to submit_sm_resp decided")
                .tag(TAG_OUTCOME, outcome)
                .serviceLevelObjectives(Buckets.SUBMIT)
                .register(registry));
    }

    /** Registers the window gauge of one conf account. */
    public void windowGauge(String systemId, Supplier<Number> inUse) {
        Gauge.builder(WINDOW_IN_USE, inUse).description("submit_sm received and not yet answered")
                .tag(TAG_SYSTEM_ID, systemId).strongReference(true).register(registry);
    }

    /** Registers the up gauge of one upstream SMSC from conf. */
    public void upstreamGauge(String smsc, Supplier<Number> up) {
        Gauge.builder(UPSTREAM_UP, up).description("1 when a bind to the upstream SMSC is bound")
                .tag(TAG_SMSC, smsc).strongReference(true).register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }
}
