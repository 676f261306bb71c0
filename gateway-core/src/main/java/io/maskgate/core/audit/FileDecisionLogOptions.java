package io.maskgate.core.audit;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How {@link FileDecisionLog} writes. Immutable; build with {@link #builder()}, change a copy with
 * {@link #mutate()}.
 *
 * <p>Durability is a trade between fsync cost and what a power cut can lose. A process crash loses
 * nothing already written (the writer hands every batch to the OS at once); a power cut loses at
 * most the records since the last fsync, which the defaults bound to 1,000 records or 1 second.
 */
public final class FileDecisionLogOptions {

    /** Default {@link #node()}: {@value}. */
    public static final String DEFAULT_NODE = "gateway";
    /** Default {@link #queueCapacity()}: 65,536 records (~2 s of 30,000 decisions/s). */
    public static final int DEFAULT_QUEUE_CAPACITY = 65_536;
    /** Default {@link #fsyncEveryRecords()}: 1,000. */
    public static final int DEFAULT_FSYNC_EVERY_RECORDS = 1_000;
    /** Default {@link #fsyncInterval()}: 1 s. */
    public static final Duration DEFAULT_FSYNC_INTERVAL = Duration.ofSeconds(1);
    /** Default {@link #closeTimeout()}: 10 s. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private static final Pattern NODE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final String node;
    private final int queueCapacity;
    private final int fsyncEveryRecords;
    private final Duration fsyncInterval;
    private final Duration closeTimeout;

    private FileDecisionLogOptions(Builder b) {
        this.node = b.node;
        this.queueCapacity = b.queueCapacity;
        this.fsyncEveryRecords = b.fsyncEveryRecords;
        this.fsyncInterval = b.fsyncInterval;
        this.closeTimeout = b.closeTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** All defaults. */
    public static FileDecisionLogOptions create() {
        return builder().build();
    }

    /** A builder holding this instance's values. */
    public Builder mutate() {
        return new Builder().node(node).queueCapacity(queueCapacity).fsyncEveryRecords(fsyncEveryRecords)
                .fsyncInterval(fsyncInterval).closeTimeout(closeTimeout);
    }

    /** Name of this gateway node, stamped on every line: 1-64 of {@code [A-Za-z0-9._-]}. Default {@value #DEFAULT_NODE}. */
    public String node() {
        return node;
    }

    /** Records accepted but not yet written before {@link DecisionLog#append} refuses: at least 1. Default 65,536. */
    public int queueCapacity() {
        return queueCapacity;
    }

    /** Force the file to disk after this many records; 0 = only on the interval, flush and close. Default 1,000. */
    public int fsyncEveryRecords() {
        return fsyncEveryRecords;
    }

    /** Force written records to disk at least this often; zero = never on a timer. Default 1 s. */
    public Duration fsyncInterval() {
        return fsyncInterval;
    }

    /** How long {@link DecisionLog#close} waits for the writer to drain. Positive. Default 10 s. */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    @Override
    public String toString() {
        return "FileDecisionLogOptions[node=" + node + ", queueCapacity=" + queueCapacity + ", fsyncEveryRecords="
                + fsyncEveryRecords + ", fsyncInterval=" + fsyncInterval + ", closeTimeout=" + closeTimeout + "]";
    }

    /** Mutable builder; every setter checks its constraint at once. */
    public static final class Builder {
        private String node = DEFAULT_NODE;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private int fsyncEveryRecords = DEFAULT_FSYNC_EVERY_RECORDS;
        private Duration fsyncInterval = DEFAULT_FSYNC_INTERVAL;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;

        private Builder() {
        }

        public Builder node(String node) {
            Objects.requireNonNull(node, "node");
            if (!NODE.matcher(node).matches()) {
                throw new IllegalArgumentException("node must be 1-64 chars of [A-Za-z0-9._-]");
            }
            this.node = node;
            return this;
        }

        public Builder queueCapacity(int queueCapacity) {
            if (queueCapacity < 1) {
                throw new IllegalArgumentException("queueCapacity must be at least 1, was " + queueCapacity);
            }
            this.queueCapacity = queueCapacity;
            return this;
        }

        public Builder fsyncEveryRecords(int fsyncEveryRecords) {
            if (fsyncEveryRecords < 0) {
                throw new IllegalArgumentException("fsyncEveryRecords must be 0 or more, was " + fsyncEveryRecords);
            }
            this.fsyncEveryRecords = fsyncEveryRecords;
            return this;
        }

        public Builder fsyncInterval(Duration fsyncInterval) {
            Objects.requireNonNull(fsyncInterval, "fsyncInterval");
            if (fsyncInterval.isNegative()) {
                throw new IllegalArgumentException("fsyncInterval must not be negative");
            }
            this.fsyncInterval = fsyncInterval;
            return this;
        }

        public Builder closeTimeout(Duration closeTimeout) {
            Objects.requireNonNull(closeTimeout, "closeTimeout");
            if (closeTimeout.isZero() || closeTimeout.isNegative()) {
                throw new IllegalArgumentException("closeTimeout must be positive");
            }
            this.closeTimeout = closeTimeout;
            return this;
        }

        public FileDecisionLogOptions build() {
            return new FileDecisionLogOptions(this);
        }
    }
}
