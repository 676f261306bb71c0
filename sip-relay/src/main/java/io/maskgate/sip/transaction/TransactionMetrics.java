package io.maskgate.sip.transaction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The transaction layer's meters. Names and tag values are constants: no tag value comes from a
 * message. Every series is registered at start so that dashboards see zeros, not gaps.
 */
public final class TransactionMetrics {

    /** Live transactions, client and server (gauge). */
    public static final String ACTIVE = "maskgate_sip_transactions_active";
    /**
     * Retransmissions: {@code direction=in} counts retransmitted requests and responses absorbed,
     * {@code direction=out} counts messages the layer (or a {@link TwoXxRetransmitter}) sent again.
     */
    public static final String RETRANSMISSIONS = "maskgate_sip_retransmissions_total";
    /**
     * Of the retransmitted requests counted in {@link #RETRANSMISSIONS} {@code direction=in}, those
     * recognised as byte-identical copies and absorbed without being parsed (UDP only).
     */
    public static final String RETRANSMISSIONS_UNPARSED = "maskgate_sip_retransmissions_unparsed_total";
    /**
     * Retransmissions the layer did not send when their timer fired, because the transport's
     * receive queues were backed up (see {@link TransactionTransport#holdRetransmissions()}).
     */
    public static final String RETRANSMISSIONS_HELD = "maskgate_sip_retransmissions_held_total";
    /** Transactions ended by a timeout; tag {@link #TAG_TIMER}: B, F, H, or 2xx (no ACK for a 2xx). */
    public static final String TIMEOUTS = "maskgate_sip_transaction_timeouts_total";
    /** New transactions refused because the table was full (inbound answered 503, outbound failed). */
    public static final String REFUSED = "maskgate_sip_transactions_refused_total";

    public static final String TAG_DIRECTION = "direction";
    public static final String TAG_TIMER = "timer";
    public static final String DIRECTION_IN = "in";
    public static final String DIRECTION_OUT = "out";
    public static final String TIMER_B = "B";
    public static final String TIMER_F = "F";
    public static final String TIMER_H = "H";
    public static final String TIMER_2XX = "2xx";

    private final Counter retransmittedIn;
    private final Counter retransmittedOut;
    private final Counter absorbedUnparsed;
    private final Counter held;
    private final Counter refused;
    private final Map<String, Counter> timeouts = new HashMap<>();

    TransactionMetrics(MeterRegistry registry, IntSupplier active) {
        Gauge.builder(ACTIVE, active, IntSupplier::getAsInt).strongReference(true).description("live SIP transactions")
                .register(registry);
        retransmittedIn = registry.counter(RETRANSMISSIONS, TAG_DIRECTION, DIRECTION_IN);
        retransmittedOut = registry.counter(RETRANSMISSIONS, TAG_DIRECTION, DIRECTION_OUT);
        refused = registry.counter(REFUSED);
        absorbedUnparsed = Counter.builder(RETRANSMISSIONS_UNPARSED)
                .description("retransmitted requests absorbed as byte-identical copies, without parsing")
                .register(registry);
        held = Counter.builder(RETRANSMISSIONS_HELD)
                .description("retransmissions not sent when due because the SIP receive queues were backed up")
                .register(registry);
        for (String timer : List.of(TIMER_B, TIMER_F, TIMER_H, TIMER_2XX)) {
            timeouts.put(timer, registry.counter(TIMEOUTS, TAG_TIMER, timer));
        }
    }

    void retransmittedIn() {
        retransmittedIn.increment();
    }

    void retransmittedOut() {
        retransmittedOut.increment();
    }

    void retransmissionHeld() {
        held.increment();
    }

    void absorbedUnparsed() {
        absorbedUnparsed.increment();
    }

    void refused() {
        refused.increment();
    }

    void timeout(String timer) {
        timeouts.get(timer).increment();
    }
}
