package io.maskgate.core.consent;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link CachingConsentGate} and {@link ConsentRevocations} cache and drop decisions.
 * Immutable; build with {@link #builder()}, change a copy with {@link #mutate()}.
 */
public final class ConsentCacheOptions {

    /** Default {@link #maxCacheTtl()}: 5 minutes. */
    public static final Duration DEFAULT_MAX_CACHE_TTL = Duration.ofMinutes(5);
    /** Default {@link #nearCacheTtl()}: 5 s. */
    public static final Duration DEFAULT_NEAR_CACHE_TTL = Duration.ofSeconds(5);
    /** Default {@link #nearCacheSize()}: 10,000 decisions. */
    public static final int DEFAULT_NEAR_CACHE_SIZE = 10_000;
    /** Default {@link #sourceTimeout()}: 500 ms. */
    public static final Duration DEFAULT_SOURCE_TIMEOUT = Duration.ofMillis(500);
    /** Default {@link #redisTimeout()}: 250 ms. */
    public static final Duration DEFAULT_REDIS_TIMEOUT = Duration.ofMillis(250);
    /** Default {@link #verifyEpochOnNearHit()}: true. */
    public static final boolean DEFAULT_VERIFY_EPOCH_ON_NEAR_HIT = true;
    /** Default {@link #epochRetention()}: 1 day. */
    public static final Duration DEFAULT_EPOCH_RETENTION = Duration.ofDays(1);

    private final Duration maxCacheTtl;
    private final Duration nearCacheTtl;
    private final int nearCacheSize;
    private final Duration sourceTimeout;
    private final Duration redisTimeout;
    private final boolean verifyEpochOnNearHit;
    private final Duration epochRetention;

    private ConsentCacheOptions(Builder b) {
        this.maxCacheTtl = b.maxCacheTtl;
        this.nearCacheTtl = b.nearCacheTtl;
        this.nearCacheSize = b.nearCacheSize;
        this.sourceTimeout = b.sourceTimeout;
        this.redisTimeout = b.redisTimeout;
        this.verifyEpochOnNearHit = b.verifyEpochOnNearHit;
        this.epochRetention = b.epochRetention;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static ConsentCacheOptions create() {
        return builder().build();
    }

    public Builder mutate() {
        return new Builder().maxCacheTtl(maxCacheTtl).nearCacheTtl(nearCacheTtl).nearCacheSize(nearCacheSize)
                .sourceTimeout(sourceTimeout).redisTimeout(redisTimeout)
                .verifyEpochOnNearHit(verifyEpochOnNearHit).epochRetention(epochRetention);
    }

    /**
     * Upper bound on how long a decision is reused, whatever TTL the platform gave. Defaults to
     * 5 minutes; must be positive and shorter than {@link #epochRetention()}.
     */
    public Duration maxCacheTtl() {
        return maxCacheTtl;
    }

    /**
     * Upper bound on how long this node reuses a decision from its own memory before reading the
     * shared entry again. With {@link #verifyEpochOnNearHit()} off, it bounds how long a node
     * whose pub/sub connection died silently (no FIN, before TCP keep-alive notices) can serve a
     * revoked decision. Defaults to 5 s; must be positive.
     */
    public Duration nearCacheTtl() {
        return nearCacheTtl;
    }

    /** Most decisions held in memory; the least recently used goes first. Defaults to 10,000; at least 1. */
    public int nearCacheSize() {
        return nearCacheSize;
    }

    /**
     * Longest wait for the consent source, on top of the source's own timeout (a backstop for
     * sources that have none). Defaults to 500 ms; must be positive.
     */
    public Duration sourceTimeout() {
        return sourceTimeout;
    }

    /**
     * Longest wait for one Redis command of the consent cache; on expiry the shared cache counts as
     * a miss and the platform is asked. Defaults to 250 ms; must be positive.
     */
    public Duration redisTimeout() {
        return redisTimeout;
    }

    /**
     * When true (default), a near-cache hit is confirmed by one Redis GET of the subject's
     * revocation epoch, so a revocation applied on any node takes effect on the very next check on
     * every node. When false, near-cache hits cost no round trip and rely on the pub/sub message
     * (delivered in about a millisecond on a LAN; hits are refused while the subscription is down).
     */
    public boolean verifyEpochOnNearHit() {
        return verifyEpochOnNearHit;
    }

    /**
     * TTL of a subject's revocation epoch key, refreshed on each revocation. It must outlive every
     * decision cached before the revocation, so it must exceed {@link #maxCacheTtl()}. Defaults to
     * 1 day.
     */
    public Duration epochRetention() {
        return epochRetention;
    }

    @Override
    public String toString() {
        return "ConsentCacheOptions[maxCacheTtl=" + maxCacheTtl + ", nearCacheTtl=" + nearCacheTtl
                + ", nearCacheSize=" + nearCacheSize + ", sourceTimeout=" + sourceTimeout
                + ", redisTimeout=" + redisTimeout + ", verifyEpochOnNearHit=" + verifyEpochOnNearHit
                + ", epochRetention=" + epochRetention + "]";
    }

    /** Builds {@link ConsentCacheOptions}; each setter checks its constraint, {@link #build()} the relations. */
    public static final class Builder {
        private Duration maxCacheTtl = DEFAULT_MAX_CACHE_TTL;
        private Duration nearCacheTtl = DEFAULT_NEAR_CACHE_TTL;
        private int nearCacheSize = DEFAULT_NEAR_CACHE_SIZE;
        private Duration sourceTimeout = DEFAULT_SOURCE_TIMEOUT;
        private Duration redisTimeout = DEFAULT_REDIS_TIMEOUT;
        private boolean verifyEpochOnNearHit = DEFAULT_VERIFY_EPOCH_ON_NEAR_HIT;
        private Duration epochRetention = DEFAULT_EPOCH_RETENTION;

        private Builder() {
        }

        public Builder maxCacheTtl(Duration value) {
            this.maxCacheTtl = HttpSourceOptions.Builder.positive(value, "maxCacheTtl");
            return this;
        }

        public Builder nearCacheTtl(Duration value) {
            this.nearCacheTtl = HttpSourceOptions.Builder.positive(value, "nearCacheTtl");
            return this;
        }

        public Builder nearCacheSize(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("nearCacheSize must be at least 1, was " + value);
            }
            this.nearCacheSize = value;
            return this;
        }

        public Builder sourceTimeout(Duration value) {
            this.sourceTimeout = HttpSourceOptions.Builder.positive(value, "sourceTimeout");
            return this;
        }

        public Builder redisTimeout(Duration value) {
            this.redisTimeout = HttpSourceOptions.Builder.positive(value, "redisTimeout");
            return this;
        }

        public Builder verifyEpochOnNearHit(boolean value) {
            this.verifyEpochOnNearHit = value;
            return this;
        }

        public Builder epochRetention(Duration value) {
            this.epochRetention = HttpSourceOptions.Builder.positive(value, "epochRetention");
            return this;
        }

        /** @throws IllegalArgumentException when {@code epochRetention <= maxCacheTtl} */
        public ConsentCacheOptions build() {
            Objects.requireNonNull(maxCacheTtl, "maxCacheTtl");
            if (epochRetention.compareTo(maxCacheTtl) <= 0) {
                throw new IllegalArgumentException("epochRetention (" + epochRetention
                        + ") must exceed maxCacheTtl (" + maxCacheTtl + ")");
            }
            return new ConsentCacheOptions(this);
        }
    }
}
