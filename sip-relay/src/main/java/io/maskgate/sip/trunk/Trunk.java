package io.maskgate.sip.trunk;

import io.maskgate.sip.transaction.Destination;
import io.micrometer.core.instrument.Counter;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A configured trunk and whether it is up, as its OPTIONS pings say. Up at start: a gateway that
 * starts while a trunk answers no pings learns it within {@code failureThreshold} intervals.
 * Thread-safe: pings report from event loops, calls read {@link #isUp()} from anywhere.
 */
public final class Trunk {

    private final TrunkOptions options;
    private final Destination destination;
    private final int failureThreshold;
    private final int recoveryThreshold;
    private volatile boolean up = true;
    private int failuresInARow;
    private int successesInARow;
    private final AtomicBoolean authFailureLogged = new AtomicBoolean();
    private final Map<TrunkAttemptResult, Counter> attempts;

    /**
     * @param up the state at start: a reload that only re-weights a trunk keeps what its pings said
     * @param attempts the counters of {@code maskgate_sip_trunk_attempts_total} for this trunk's name
     */
    Trunk(TrunkOptions options, TrunkHealthOptions health, boolean up, Map<TrunkAttemptResult, Counter> attempts) {
        this.up = up;
        this.attempts = attempts;
        this.options = Objects.requireNonNull(options, "options");
        this.destination = new Destination(options.transport(), options.address(), options.udpOnly());
        this.failureThreshold = health.failureThreshold();
        this.recoveryThreshold = health.recoveryThreshold();
    }

    public TrunkOptions options() {
        return options;
    }

    public String name() {
        return options.name();
    }

    /** Where requests to this trunk go. */
    public Destination destination() {
        return destination;
    }

    /** True when requests to {@code other} go where requests to this trunk go (same address, transport, host). */
    boolean sameDestination(TrunkOptions other) {
        return options.address().equals(other.address()) && options.transport() == other.transport()
                && options.uriHost().equals(other.uriHost());
    }

    /** Counts how one INVITE sent to this trunk ended. */
    public void attemptEnded(TrunkAttemptResult result) {
        attempts.get(result).increment();
    }

    /** True the first time only: a trunk refusing our credentials is logged once per trunk and conf, not per call. */
    public boolean firstAuthFailure() {
        return authFailureLogged.compareAndSet(false, true);
    }

    public boolean isUp() {
        return up;
    }

    /** Records a ping result; true when this changed the trunk's state. */
    synchronized boolean record(boolean success) {
        if (success) {
            failuresInARow = 0;
            successesInARow++;
            if (!up && successesInARow >= recoveryThreshold) {
                up = true;
                return true;
            }
        } else {
            successesInARow = 0;
            failuresInARow++;
            if (up && failuresInARow >= failureThreshold) {
                up = false;
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return options + (up ? " up" : " down");
    }
}
