package io.maskgate.sip.limit;

import io.maskgate.core.rate.RateLimit;
import io.maskgate.core.rate.TokenBucket;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * What one interconnect was sold, in the two units carriers sell it by: calls at once (channels)
 * and new calls a second (CPS). Outbound trunks and inbound carriers both have one.
 *
 * <p>The count of calls holding a place is passed in, so that every conf's object for the same
 * name shares it: calls admitted before a reload end after it. The CPS bucket is this object's,
 * so a reload starts it full: at most one second's burst more. Thread-safe.
 */
public final class CallCapacity {
    /** A {@code maxCalls} or {@code maxCallsPerSecond} of 0 means no limit. */
    public static final int UNLIMITED = 0;

    private final int maxCalls;
    private final AtomicInteger active;
    /** Null without a CPS limit. */
    private final TokenBucket newCalls;

    /**
     * @param maxCalls calls at once, or {@link #UNLIMITED}
     * @param maxCallsPerSecond new calls a second, with a burst of one second's worth, or {@link #UNLIMITED}
     * @param active the calls holding a place now, shared by name across conf reloads
     * @param nanoTime the clock of the CPS bucket
     */
    public CallCapacity(int maxCalls, int maxCallsPerSecond, AtomicInteger active, LongSupplier nanoTime) {
        this.maxCalls = maxCalls;
        this.active = active;
        this.newCalls = maxCallsPerSecond == UNLIMITED ? null
                : new TokenBucket(new RateLimit(maxCallsPerSecond, maxCallsPerSecond), nanoTime);
    }

    /** Takes a place within both limits; false (holding nothing) when either is used up. */
    public boolean tryAcquire() {
        if (!takePlace()) {
            return false;
        }
        if (newCalls != null && !newCalls.tryTake()) {
            release();
            return false;
        }
        return true;
    }

    /** Gives back a place taken by {@link #tryAcquire()}; once per place. */
    public void release() {
        active.decrementAndGet();
    }

    /** True when {@link #tryAcquire()} would refuse now. */
    public boolean atLimit() {
        return maxCalls != UNLIMITED && active.get() >= maxCalls
                || newCalls != null && !newCalls.hasToken();
    }

    private boolean takePlace() {
        if (maxCalls == UNLIMITED) {
            active.incrementAndGet();
            return true;
        }
        for (int now = active.get(); now < maxCalls; now = active.get()) {
            if (active.compareAndSet(now, now + 1)) {
                return true;
            }
        }
        return false;
    }
}
