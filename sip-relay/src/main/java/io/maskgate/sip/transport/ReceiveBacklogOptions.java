package io.maskgate.sip.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * When the SIP UDP sockets' unread backlog changes what the relay does (see {@link ReceiveBacklog}).
 *
 * @param holdRetransmissionsPercent from this fill of a receive buffer on, the relay sends none of
 *     its own retransmissions (timers A, E, G and 2xx): the answers they would ask for are likely
 *     read but not yet processed. 0 turns it off
 * @param shedNewCallsPercent from this fill on, held for {@code shedAfter}, a share of new INVITEs is
 *     answered 503 with Retry-After at once, before the session lookup, so that the calls already
 *     admitted finish: none at this fill, rising linearly to all at twice it. 0 turns it off
 * @param shedAfter how long every sample must have been at or over {@code shedNewCallsPercent}
 *     before calls are shed: a GC pause or a host stall fills the queue for a moment and the loops
 *     work it off; only a backlog that stays is overload
 * @param sampleInterval how often the queues are read
 * @param answerOptionsWith503 while new calls are shed, out-of-dialog OPTIONS (carriers' keep-alives
 *     and their dispatchers' probes) are answered 503 with Retry-After too, so that a carrier
 *     balancing over several nodes moves its traffic off this one as a whole rather than call by
 *     call. Off by default: when every node of a cluster is behind at once, all of them would be
 *     marked down and the carrier would have nowhere to send calls that some could still take
 */
public record ReceiveBacklogOptions(int holdRetransmissionsPercent, int shedNewCallsPercent, Duration shedAfter,
        Duration sampleInterval, boolean answerOptionsWith503) {

    public static final int DEFAULT_HOLD_RETRANSMISSIONS_PERCENT = 10;
    public static final int DEFAULT_SHED_NEW_CALLS_PERCENT = 25;
    public static final Duration DEFAULT_SHED_AFTER = Duration.ofMillis(250);
    public static final Duration DEFAULT_SAMPLE_INTERVAL = Duration.ofMillis(50);

    public ReceiveBacklogOptions {
        percent(holdRetransmissionsPercent, "holdRetransmissionsPercent");
        percent(shedNewCallsPercent, "shedNewCallsPercent");
        Objects.requireNonNull(shedAfter, "shedAfter");
        if (shedAfter.isNegative() || shedAfter.toSeconds() > 60) {
            throw new IllegalArgumentException("shedAfter must be 0 .. 60 s");
        }
        Objects.requireNonNull(sampleInterval, "sampleInterval");
        if (sampleInterval.toMillis() < 1 || sampleInterval.toMillis() > 60_000) {
            throw new IllegalArgumentException("sampleInterval must be 1 ms .. 60 s");
        }
    }

    /**
     * Every default: hold at 10%, shed from 25% held for 250 ms (all new calls at 50%), read every
     * 50 ms, OPTIONS answered 200 throughout.
     */
    public static ReceiveBacklogOptions create() {
        return of(DEFAULT_HOLD_RETRANSMISSIONS_PERCENT, DEFAULT_SHED_NEW_CALLS_PERCENT);
    }

    /** The given percents with the default timing; OPTIONS answered 200 throughout. */
    public static ReceiveBacklogOptions of(int holdRetransmissionsPercent, int shedNewCallsPercent) {
        return new ReceiveBacklogOptions(holdRetransmissionsPercent, shedNewCallsPercent, DEFAULT_SHED_AFTER,
                DEFAULT_SAMPLE_INTERVAL, false);
    }

    /** Neither use: the queues are still read for the gauge. */
    public static ReceiveBacklogOptions off() {
        return of(0, 0);
    }

    private static void percent(int value, String name) {
        if (value < 0 || value > 100) {
            throw new IllegalArgumentException(name + " must be 0..100");
        }
    }
}
