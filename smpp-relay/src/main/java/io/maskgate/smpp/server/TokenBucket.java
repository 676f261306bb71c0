package io.maskgate.smpp.server;

import java.util.function.LongSupplier;

/**
 * A token bucket (one per system_id, shared by all its binds). Lazily refilled on each call from
 * an injected nanosecond clock, so it needs no timer thread and tests can drive time.
 */
final class TokenBucket {
    private final long nanosPerToken;
    private final long capacityNanos;
    private final LongSupplier nanoTime;
    /** The instant the bucket would be full again; tokens = (now - (fullAt - capacity)) / nanosPerToken. */
    private long emptyAt;

    TokenBucket(RateLimit limit, LongSupplier nanoTime) {
        if (limit.isUnlimited()) {
            throw new IllegalArgumentException("an unlimited rate needs no bucket");
        }
        this.nanosPerToken = 1_000_000_000L / limit.perSecond();
        this.capacityNanos = nanosPerToken * limit.burst();
        this.nanoTime = nanoTime;
        this.emptyAt = nanoTime.getAsLong() - capacityNanos;
    }

    /** Takes one token if there is one. */
    synchronized boolean tryTake() {
        long now = nanoTime.getAsLong();
        // Never credit more than a full bucket, however long the quiet period was.
        long start = Math.max(emptyAt, now - capacityNanos);
        if (now - start < nanosPerToken) {
            return false;
        }
        emptyAt = start + nanosPerToken;
        return true;
    }
}
