package io.maskgate.core.events;

import java.util.Objects;

/**
 * Where and how {@link RedisStreamEventPublisher} writes. Immutable; build with {@link #builder()},
 * change a copy with {@link #mutate()}. The connection itself (timeouts, fail-fast when
 * disconnected) is the shared Redis connector's business, not this class's.
 */
public final class EventStreamOptions {

    /** Default {@link #stream()}: {@value}. */
    public static final String DEFAULT_STREAM = "mg:events";
    /** Default {@link #maxLength()}: 1,000,000 entries (a few hundred MB of Redis memory at most). */
    public static final long DEFAULT_MAX_LENGTH = 1_000_000;
    /** Default {@link #maxInFlight()}: 10,000 events. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 10_000;

    private final String stream;
    private final long maxLength;
    private final int maxInFlight;

    private EventStreamOptions(Builder b) {
        this.stream = b.stream;
        this.maxLength = b.maxLength;
        this.maxInFlight = b.maxInFlight;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** All defaults. */
    public static EventStreamOptions create() {
        return builder().build();
    }

    /** A builder holding this instance's values. */
    public Builder mutate() {
        return new Builder().stream(stream).maxLength(maxLength).maxInFlight(maxInFlight);
    }

    /** The stream key; non-empty, no whitespace. Default {@value #DEFAULT_STREAM}. */
    public String stream() {
        return stream;
    }

    /**
     * Approximate cap on the stream's length ({@code XADD ... MAXLEN ~ n}): Redis trims whole
     * macro-nodes, which is far cheaper than exact trimming, so the stream may run a little longer.
     * Consumers that fall further behind than this lose the oldest events. At least 1. Default 1,000,000.
     */
    public long maxLength() {
        return maxLength;
    }

    /**
     * Events sent and not yet acknowledged before further ones are dropped (and counted): bounds
     * memory when Redis is slow instead of down. At least 1. Default 10,000.
     */
    public int maxInFlight() {
        return maxInFlight;
    }

    @Override
    public String toString() {
        return "EventStreamOptions[stream=" + stream + ", maxLength=" + maxLength + ", maxInFlight=" + maxInFlight + "]";
    }

    /** Mutable builder; every setter checks its constraint at once. */
    public static final class Builder {
        private String stream = DEFAULT_STREAM;
        private long maxLength = DEFAULT_MAX_LENGTH;
        private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;

        private Builder() {
        }

        public Builder stream(String stream) {
            Objects.requireNonNull(stream, "stream");
            if (stream.isEmpty() || stream.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("stream must be non-empty and without whitespace");
            }
            this.stream = stream;
            return this;
        }

        public Builder maxLength(long maxLength) {
            if (maxLength < 1) {
                throw new IllegalArgumentException("maxLength must be at least 1, was " + maxLength);
            }
            this.maxLength = maxLength;
            return this;
        }

        public Builder maxInFlight(int maxInFlight) {
            if (maxInFlight < 1) {
                throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
            }
            this.maxInFlight = maxInFlight;
            return this;
        }

        public EventStreamOptions build() {
            return new EventStreamOptions(this);
        }
    }
}
