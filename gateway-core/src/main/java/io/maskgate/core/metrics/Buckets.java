package io.maskgate.core.metrics;

import java.time.Duration;

/**
 * Prometheus histogram bucket bounds ({@code le}) of MaskGate's latency timers. Timers publish
 * these buckets rather than client-side percentiles so that {@code histogram_quantile()} can
 * aggregate them over nodes. Each set is short (10-12 buckets): every bucket is one series per
 * tag combination.
 */
public final class Buckets {

    /** Redis and consent lookups: sub-millisecond when healthy, command timeouts in the hundreds of ms. */
    public static final Duration[] LOOKUP = millis(0.5, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500);

    /** SMS submit: routing plus the upstream SMSC's submit_sm_resp. */
    public static final Duration[] SUBMIT = millis(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000);

    /** Call setup: INVITE received to 180/183/2xx relayed; includes the callee's network and ringing. */
    public static final Duration[] CALL_SETUP = millis(50, 100, 250, 500, 1000, 2000, 3000, 5000, 10_000, 30_000);

    /** How late a SIP event loop runs a task: ~0 when it keeps up, GC pauses and host stalls in the tens of ms. */
    public static final Duration[] LOOP_LAG = millis(1, 2, 5, 10, 25, 50, 100, 250, 500, 1000);

    /**
     * The part of a call's setup the gateway itself holds (routing and relaying): a few ms when it
     * keeps up, the same range as {@link #LOOP_LAG} when it does not.
     */
    public static final Duration[] SETUP_IN_GATEWAY = LOOP_LAG;

    private Buckets() {
    }

    private static Duration[] millis(double... ms) {
        Duration[] out = new Duration[ms.length];
        for (int i = 0; i < ms.length; i++) {
            out[i] = Duration.ofNanos((long) (ms[i] * 1_000_000));
        }
        return out;
    }
}
