package io.maskgate.sip.trunk;

import io.maskgate.core.rate.RateLimit;
import io.maskgate.core.rate.TokenBucket;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * What a carrier sold on one trunk: calls at once (channels, {@link TrunkOptions#maxCalls()}) and
 * new calls a second ({@link TrunkOptions#maxCallsPerSecond()}). The count of calls holding a
 * place is shared by every conf's object for the same trunk name (calls placed before a reload
 * end after it); the CPS bucket is this conf's, so a reload starts it full: at most one second's
 * burst more. Thread-safe.
 */
final class TrunkCapacity {
    private final int maxCalls;
    private final AtomicInteger active;
    /** Null without a CPS limit. */
    private final TokenBucket newCalls;

    TrunkCapacity(TrunkOptions options, AtomicInteger active, LongSupplier nanoTime) {
        this.maxCalls = options.maxCalls();
        this.active = active;
        int cps = options.maxCallsPerSecond();
        this.newCalls = cps == TrunkOptions.UNLIMITED_CALLS ? null : new TokenBucket(new RateLimit(cps, cps), nanoTime);
    }

    /** Takes a place within both limits; false (holding nothing) when either is used up. */
    boolean tryAcquire() {
        if (!takePlace()) {
            return false;
        }
        if (newCalls != null && !newCalls.tryTake()) {
            release();
            return false;
        }
        return true;
    }

    void release() {
        active.decrementAndGet();
    }

    /** True when {@link #tryAcquire()} would refuse now. */
    boolean atLimit() {
        return maxCalls != TrunkOptions.UNLIMITED_CALLS && active.get() >= maxCalls
                || newCalls != null && !newCalls.hasToken();
    }

    private boolean takePlace() {
        if (maxCalls == TrunkOptions.UNLIMITED_CALLS) {
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
