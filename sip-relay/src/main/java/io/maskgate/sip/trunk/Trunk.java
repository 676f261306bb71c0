package io.maskgate.sip.trunk;

import io.maskgate.sip.auth.ChallengesAhead;
import io.maskgate.sip.auth.DigestClient;
import io.maskgate.sip.codec.SipHeader;
import io.maskgate.sip.limit.CallCapacity;
import io.maskgate.sip.transaction.Destination;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

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
    private final TrunkMeters meters;
    private final CallCapacity capacity;
    /** Null unless the trunk's options ask for answers ahead of its challenges. */
    private final ChallengesAhead challengesAhead;

    /**
     * @param up the state at start: a reload that only re-weights a trunk keeps what its pings said
     * @param meters what is counted for this trunk's name, shared with the objects of other confs
     * @param nanoTime the clock of the CPS limit
     */
    Trunk(TrunkOptions options, TrunkHealthOptions health, boolean up, TrunkMeters meters, LongSupplier nanoTime) {
        this.up = up;
        this.meters = Objects.requireNonNull(meters, "meters");
        this.options = Objects.requireNonNull(options, "options");
        this.capacity = new CallCapacity(options.maxCalls(), options.maxCallsPerSecond(), meters.activeCalls(), nanoTime);
        this.destination = new Destination(options.transport(), options.address(), options.udpOnly());
        this.challengesAhead = options.authAhead() ? new ChallengesAhead() : null;
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
        meters.attempts().get(result).increment();
    }

    /**
     * Takes one of the trunk's places for a new call ({@link TrunkOptions#maxCalls()}, carriers sell
     * trunks by channels) within its calls per second ({@link TrunkOptions#maxCallsPerSecond()});
     * false when either is used up, and the call tries the next trunk. A call holds its place from
     * its INVITE until it ends or moves on, and gives it back with {@link #release()}, exactly once.
     */
    public boolean tryAcquire() {
        return capacity.tryAcquire();
    }

    /** Gives back a place taken by {@link #tryAcquire()}. */
    public void release() {
        capacity.release();
    }

    /** True when a new call would be refused now: every place taken, or no call left in this second. */
    public boolean atLimit() {
        return capacity.atLimit();
    }

    /**
     * Credentials for a request to {@code requestUri} ahead of the trunk's challenge (a new INVITE,
     * or a request in the dialog of one it took); empty unless the trunk asks for them
     * ({@link TrunkOptions#authAhead()}) and one of its INVITE challenges was answered.
     */
    public List<SipHeader> credentialsAhead(String method, String requestUri) {
        return challengesAhead == null ? List.of()
                : challengesAhead.credentials(method, requestUri, options.account().orElseThrow());
    }

    /** The trunk challenged an INVITE and was answered: the challenges to answer its next INVITEs ahead. */
    public void inviteChallengeAnswered(List<DigestClient.Challenge> challenges) {
        if (challengesAhead != null) {
            challengesAhead.answered(challenges);
        }
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
