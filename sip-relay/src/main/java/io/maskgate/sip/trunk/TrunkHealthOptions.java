package io.maskgate.sip.trunk;

import java.time.Duration;
import java.util.Objects;

/**
 * How trunks are watched: an OPTIONS ping every {@link #pingInterval()}; a trunk goes down after
 * {@link #failureThreshold()} failed pings in a row (timeout, transport error, or 503; any
 * other answer proves a SIP stack is there) and up again after
 * {@link #recoveryThreshold()} good ones. Immutable; create with {@link #builder()}.
 */
public final class TrunkHealthOptions {

    /** Default ping interval: 10 s. {@link Duration#ZERO} turns pings off (every trunk stays up). */
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(10);
    /** Default failed pings in a row before a trunk is marked down: 3. At least 1. */
    public static final int DEFAULT_FAILURE_THRESHOLD = 3;
    /** Default good pings in a row before a down trunk is marked up: 1. At least 1. */
    public static final int DEFAULT_RECOVERY_THRESHOLD = 1;

    private final Duration pingInterval;
    private final int failureThreshold;
    private final int recoveryThreshold;

    private TrunkHealthOptions(Builder b) {
        this.pingInterval = b.pingInterval;
        this.failureThreshold = b.failureThreshold;
        this.recoveryThreshold = b.recoveryThreshold;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static TrunkHealthOptions create() {
        return builder().build();
    }

    public Builder mutate() {
        return builder().pingInterval(pingInterval).failureThreshold(failureThreshold)
                .recoveryThreshold(recoveryThreshold);
    }

    public Duration pingInterval() {
        return pingInterval;
    }

    public boolean pingsEnabled() {
        return !pingInterval.isZero();
    }

    public int failureThreshold() {
        return failureThreshold;
    }

    public int recoveryThreshold() {
        return recoveryThreshold;
    }

    @Override
    public String toString() {
        return "TrunkHealthOptions[ping=" + pingInterval + ", down after " + failureThreshold + ", up after "
                + recoveryThreshold + "]";
    }

    /** Builder of {@link TrunkHealthOptions}. */
    public static final class Builder {
        private Duration pingInterval = DEFAULT_PING_INTERVAL;
        private int failureThreshold = DEFAULT_FAILURE_THRESHOLD;
        private int recoveryThreshold = DEFAULT_RECOVERY_THRESHOLD;

        private Builder() {
        }

        /** Zero (off) or at least 100 ms; default {@link #DEFAULT_PING_INTERVAL}. */
        public Builder pingInterval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (!interval.isZero() && interval.compareTo(Duration.ofMillis(100)) < 0) {
                throw new IllegalArgumentException("ping interval must be 0 (off) or at least 100 ms");
            }
            this.pingInterval = interval;
            return this;
        }

        /** At least 1; default {@link #DEFAULT_FAILURE_THRESHOLD}. */
        public Builder failureThreshold(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("failure threshold must be >= 1");
            }
            this.failureThreshold = n;
            return this;
        }

        /** At least 1; default {@link #DEFAULT_RECOVERY_THRESHOLD}. */
        public Builder recoveryThreshold(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("recovery threshold must be >= 1");
            }
            this.recoveryThreshold = n;
            return this;
        }

        public TrunkHealthOptions build() {
            return new TrunkHealthOptions(this);
        }
    }
}
