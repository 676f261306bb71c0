package io.maskgate.core.rate;

import java.util.function.LongSupplier;

/**
 * A token bucket (one per system_id, shared by all its binds; one per trunk). Lazily refilled on
 * each call from an injected nanosecond clock, so it needs no timer thread and tests can drive
 * time. Thread-safe.
 */
public final class TokenBucket {
    private final long nanosPerToken;
    private final long capacityNanos;
    private final LongSupplier nanoTime;
    /** The instant the bucket would be full again; tokens = (now - (fullAt - capacity)) / nanosPerToken. */
    private long emptyAt;

    public TokenBucket(RateLimit limit, LongSupplier nanoTime) {
        if (limit.isUnlimited()) {
            throw new IllegalArgumentException("an unlimited rate needs no bucket");
        }
        this.nanosPerToken = 1_000_000_000L / limit.perSecond();
        this.capacityNanos = nanosPerToken * limit.burst();
        this.nanoTime = nanoTime;
        this.emptyAt = nanoTime.getAsLong() - capacityNanos;
    }

    /** Takes one token if there is one. */
    public synchronized boolean tryTake() {
        long now = nanoTime.getAsLong();
        // Never credit more than a full bucket, however long the quiet period was.
        long start = Math.max(emptyAt, now - capacityNanos);
        if (now - start < nanosPerToken) {
            return false;
        }
        emptyAt = start + nanosPerToken;
        return true;
    }

    /** True when {@link #tryTake()} would succeed now; takes nothing. */
    public synchronized boolean hasToken() {
        long now = nanoTime.getAsLong();
        return now - Math.max(emptyAt, now - capacityNanos) >= nanosPerToken;
    }
}
