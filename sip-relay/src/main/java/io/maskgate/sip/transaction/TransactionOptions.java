package io.maskgate.sip.transaction;

import io.maskgate.sip.transport.SipTransportType;
import java.time.Duration;
import java.util.Objects;

/**
 * Immutable options of the transaction layer (RFC 3261 section 17 and the timer table of its
 * appendix A). Create with {@link #builder()} or {@link #create()}, change a copy with
 * {@link #mutate()}.
 *
 * <p>Every other timer derives from these: A, E and G start at T1 and double (E and G up to T2);
 * B, F, H, J and the 2xx give-up time of RFC 3261 section 13.3.1.4 are 64*T1; I and K are T4 over
 * UDP; D is {@link #timerD()} over UDP. Over TCP/TLS, D, I, J and K are zero and nothing is
 * retransmitted by the transactions.
 */
public final class TransactionOptions {

    /** Default T1, the round-trip estimate: 500 ms (RFC 3261 appendix A). */
    public static final Duration DEFAULT_T1 = Duration.ofMillis(500);
    /** Default T2, the longest retransmit interval of non-INVITE requests and INVITE responses: 4 s. */
    public static final Duration DEFAULT_T2 = Duration.ofSeconds(4);
    /** Default T4, the longest time a message stays in the network: 5 s. */
    public static final Duration DEFAULT_T4 = Duration.ofSeconds(5);
    /** Default timer D over UDP, the wait for retransmitted final responses after our ACK: 32 s. */
    public static final Duration DEFAULT_TIMER_D = Duration.ofSeconds(32);
    /**
     * Default bound of the transaction table (client and server together): 300,000 transactions.
     * Over UDP a finished call leaves its transactions waiting to absorb retransmissions: the
     * inbound INVITE for timer L (64*T1, 32 s), the inbound BYE for timer J (32 s) and the
     * outbound BYE for timer K (T4, 5 s), about 70 transaction-seconds per call. So the table
     * holds a sustained ~4,000 calls/s; at ~1 KB of heap per waiting transaction (measured) a
     * full table, with its reserve for in-dialog requests ({@code TransactionTable}), costs
     * ~375 MB. The old bound, 100,000, held only ~1,400 calls/s sustained: a 3,000 calls/s step
     * right after a 2,000 one had 22% of its calls refused 503.
     */
    public static final int DEFAULT_MAX_TRANSACTIONS = 300_000;
    /** Default Retry-After of the 503 sent when the table is full: 5 s. */
    public static final Duration DEFAULT_OVERLOAD_RETRY_AFTER = Duration.ofSeconds(5);

    private final Duration t1;
    /** Made once: every transaction arms a timer of 64*T1. */
    private final Duration sixtyFourT1;
    private final Duration t2;
    private final Duration t4;
    private final Duration timerD;
    private final int maxTransactions;
    private final Duration overloadRetryAfter;

    private TransactionOptions(Builder b) {
        this.t1 = b.t1;
        this.sixtyFourT1 = b.t1.multipliedBy(64);
        this.t2 = b.t2;
        this.t4 = b.t4;
        this.timerD = b.timerD;
        this.maxTransactions = b.maxTransactions;
        this.overloadRetryAfter = b.overloadRetryAfter;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options with every default. */
    public static TransactionOptions create() {
        return builder().build();
    }

    /** A builder holding these options, to derive changed options. */
    public Builder mutate() {
        return new Builder().t1(t1).t2(t2).t4(t4).timerD(timerD).maxTransactions(maxTransactions)
                .overloadRetryAfter(overloadRetryAfter);
    }

    public Duration t1() {
        return t1;
    }

    public Duration t2() {
        return t2;
    }

    public Duration t4() {
        return t4;
    }

    /** Timer D over UDP; over a reliable transport timer D is zero. */
    public Duration timerD() {
        return timerD;
    }

    public int maxTransactions() {
        return maxTransactions;
    }

    public Duration overloadRetryAfter() {
        return overloadRetryAfter;
    }

    /** 64*T1: timers B, F, H, J (over UDP), and the give-up time of 2xx retransmission. */
    public Duration sixtyFourT1() {
        return sixtyFourT1;
    }

    /** Timer D for a transport: {@link #timerD()} over UDP, zero over TCP/TLS (RFC 3261 section 17.1.1.2). */
    public Duration timerD(SipTransportType transport) {
        return transport.isStream() ? Duration.ZERO : timerD;
    }

    /** Timers I and K for a transport: T4 over UDP, zero over TCP/TLS (RFC 3261 sections 17.1.2.2, 17.2.1). */
    public Duration timerIK(SipTransportType transport) {
        return transport.isStream() ? Duration.ZERO : t4;
    }

    /** Timer J for a transport: 64*T1 over UDP, zero over TCP/TLS (RFC 3261 section 17.2.2). */
    public Duration timerJ(SipTransportType transport) {
        return transport.isStream() ? Duration.ZERO : sixtyFourT1();
    }

    @Override
    public String toString() {
        return "TransactionOptions[t1=" + t1 + ", t2=" + t2 + ", t4=" + t4 + ", timerD=" + timerD
                + ", maxTransactions=" + maxTransactions + ", overloadRetryAfter=" + overloadRetryAfter + "]";
    }

    /** Builder; every setter validates at once so that a bad value names itself. */
    public static final class Builder {
        private Duration t1 = DEFAULT_T1;
        private Duration t2 = DEFAULT_T2;
        private Duration t4 = DEFAULT_T4;
        private Duration timerD = DEFAULT_TIMER_D;
        private int maxTransactions = DEFAULT_MAX_TRANSACTIONS;
        private Duration overloadRetryAfter = DEFAULT_OVERLOAD_RETRY_AFTER;

        private Builder() {
        }

        /** T1, positive, at most T2; default 500 ms. RFC 3261 allows a larger T1 on slow networks. */
        public Builder t1(Duration t1) {
            this.t1 = positive(t1, "t1");
            return this;
        }

        /** T2, positive, at least T1; default 4 s. */
        public Builder t2(Duration t2) {
            this.t2 = positive(t2, "t2");
            return this;
        }

        /** T4, positive; default 5 s. */
        public Builder t4(Duration t4) {
            this.t4 = positive(t4, "t4");
            return this;
        }

        /** Timer D over UDP, at least 32 s by RFC 3261 section 17.1.1.2 but any positive value is taken; default 32 s. */
        public Builder timerD(Duration timerD) {
            this.timerD = positive(timerD, "timerD");
            return this;
        }

        /**
         * Largest number of live transactions, 1..10,000,000; default 100,000. A new inbound request
         * beyond it is answered 503 statelessly; a new client transaction beyond it fails with
         * {@link TransactionTableFullException} through its listener.
         */
        public Builder maxTransactions(int max) {
            if (max < 1 || max > 10_000_000) {
                throw new IllegalArgumentException("maxTransactions must be 1..10000000");
            }
            this.maxTransactions = max;
            return this;
        }

        /** Retry-After (whole seconds, at least 1 s) of the overload 503; default 5 s. */
        public Builder overloadRetryAfter(Duration retryAfter) {
            this.overloadRetryAfter = positive(retryAfter, "overloadRetryAfter");
            if (retryAfter.toSeconds() < 1) {
                throw new IllegalArgumentException("overloadRetryAfter must be at least 1 s");
            }
            return this;
        }

        public TransactionOptions build() {
            if (t2.compareTo(t1) < 0) {
                throw new IllegalArgumentException("t2 must be >= t1");
            }
            return new TransactionOptions(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}
