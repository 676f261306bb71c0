package io.maskgate.sip.b2bua;

import io.maskgate.sip.auth.SipDigestAuthOptions;
import io.maskgate.sip.carrier.CarrierOptions;
import io.maskgate.sip.carrier.Cidr;
import io.maskgate.sip.policy.HeaderPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Immutable options of the B2BUA. Create with {@link #builder()} or {@link #create()}, change a
 * copy with {@link #mutate()}.
 */
public final class B2buaOptions {

    /** Default carrier ACL: loopback only. An empty list trusts nobody (every INVITE gets 403). */
    public static final List<Cidr> DEFAULT_TRUSTED_CARRIERS = List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1"));
    /**
     * Default: a trusted carrier's P-Asserted-Identity names the caller (RFC 3325 section 6: a
     * network asserts the identity of users it authenticated; the From header is user-provided).
     * Set false for carriers that pass their customers' PAI unchecked.
     */
    public static final boolean DEFAULT_TRUST_ASSERTED_IDENTITY = true;
    /** Default bound of the dialog table: 50,000 calls (each a pair of dialogs). At least 1. */
    public static final int DEFAULT_MAX_CALLS = 50_000;
    /** Default longest call: 4 h; a call still up then is ended with BYE on both legs. At least 1 s. */
    public static final Duration DEFAULT_MAX_CALL_DURATION = Duration.ofHours(4);
    /**
     * Default longest ring: 180 s (RFC 3261 section 16.6 step 11: timer C is more than 3
     * minutes). Then the callee's INVITE is cancelled and the caller gets 408. At least 1 s.
     */
    public static final Duration DEFAULT_RING_TIMEOUT = Duration.ofSeconds(180);
    /**
     * Default failover timeout: 2 s. A trunk that sends nothing at all (not even 100 Trying) within
     * it is given up and the next trunk tried; the last trunk gets the full timer B (64*T1). At least 100 ms.
     */
    public static final Duration DEFAULT_FAILOVER_TIMEOUT = Duration.ofSeconds(2);
    /** Default Retry-After of the 503 for STORE_UNAVAILABLE / CONSENT_UNAVAILABLE / overload: 10 s. */
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(10);
    /**
     * Default shortest session interval the B2BUA times: 90 s, RFC 4028 section 4's floor. A 2xx
     * that sets a shorter Session-Expires is timed as if it said this much, so peers that agreed on
     * less never make the gateway hang up sooner. At least 1 s (tests use a few seconds).
     */
    public static final Duration DEFAULT_MIN_SESSION_INTERVAL = Duration.ofSeconds(90);
    /** Default: the header allow-list of {@link HeaderPolicy#create()}. */
    public static final HeaderPolicy DEFAULT_HEADER_POLICY = HeaderPolicy.create();
    /**
     * Default status for an out-of-session caller (NO_SESSION, not redirected): 404, DESIGN.md
     * section 6. One of {@link #NO_SESSION_STATUSES}.
     */
    public static final int DEFAULT_NO_SESSION_STATUS = 404;
    /**
     * Statuses an operator may answer an out-of-session caller with: each says "not reachable here"
     * without telling whether a session ever existed (RFC 3261 section 21.4/21.6).
     */
    public static final java.util.Set<Integer> NO_SESSION_STATUSES = java.util.Set.of(403, 404, 410, 480, 484, 486, 603);
    /** Reason phrases we accept from conf: letters, spaces and a little punctuation, 1-64 chars; no digits. */
    public static final java.util.regex.Pattern REASON_PHRASE = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z ,.'/-]{0,63}");

    private final List<Cidr> trustedCarriers;
    private final List<CarrierOptions> carriers;
    private final boolean trustAssertedIdentity;
    private final int maxCalls;
    private final Duration maxCallDuration;
    private final Duration ringTimeout;
    private final Duration retryAfter;
    private final Duration failoverTimeout;
    private final Duration minSessionInterval;
    private final HeaderPolicy headerPolicy;
    private final int noSessionStatus;
    private final java.util.Optional<String> noSessionReason;
    private final java.util.Optional<SipDigestAuthOptions> digestAuth;

    private B2buaOptions(Builder b) {
        this.trustedCarriers = List.copyOf(b.trustedCarriers);
        this.carriers = List.copyOf(b.carriers);
        this.trustAssertedIdentity = b.trustAssertedIdentity;
        this.maxCalls = b.maxCalls;
        this.maxCallDuration = b.maxCallDuration;
        this.ringTimeout = b.ringTimeout;
        this.retryAfter = b.retryAfter;
        this.failoverTimeout = b.failoverTimeout;
        this.minSessionInterval = b.minSessionInterval;
        this.headerPolicy = b.headerPolicy;
        this.noSessionStatus = b.noSessionStatus;
        this.noSessionReason = b.noSessionReason;
        this.digestAuth = b.digestAuth;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static B2buaOptions create() {
        return builder().build();
    }

    public Builder mutate() {
        return builder().trustedCarriers(trustedCarriers).carriers(carriers).trustAssertedIdentity(trustAssertedIdentity)
                .maxCalls(maxCalls).maxCallDuration(maxCallDuration).ringTimeout(ringTimeout).retryAfter(retryAfter)
                .failoverTimeout(failoverTimeout).minSessionInterval(minSessionInterval).headerPolicy(headerPolicy)
                .noSessionStatus(noSessionStatus).noSessionReason(noSessionReason).digestAuth(digestAuth);
    }

    /** Digest authentication of new INVITEs, on top of the ACL; empty (the default): the ACL alone. */
    public java.util.Optional<SipDigestAuthOptions> digestAuth() {
        return digestAuth;
    }

    public List<Cidr> trustedCarriers() {
        return trustedCarriers;
    }

    /** The carriers named for meters and limits, matched in this order; default none. */
    public List<CarrierOptions> carriers() {
        return carriers;
    }

    public boolean trustAssertedIdentity() {
        return trustAssertedIdentity;
    }

    public int maxCalls() {
        return maxCalls;
    }

    public Duration maxCallDuration() {
        return maxCallDuration;
    }

    public Duration ringTimeout() {
        return ringTimeout;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    public Duration failoverTimeout() {
        return failoverTimeout;
    }

    /**
     * The shortest session interval timed (RFC 4028): a call whose 2xx set Session-Expires is ended
     * with BYE on both legs when no refresh passes within it, see {@link #DEFAULT_MIN_SESSION_INTERVAL}.
     */
    public Duration minSessionInterval() {
        return minSessionInterval;
    }

    public HeaderPolicy headerPolicy() {
        return headerPolicy;
    }

    /** The status for an out-of-session caller whose call is not redirected. */
    public int noSessionStatus() {
        return noSessionStatus;
    }

    /** The reason phrase of that status; empty: the standard one. */
    public java.util.Optional<String> noSessionReason() {
        return noSessionReason;
    }

    @Override
    public String toString() {
        return "B2buaOptions[trusted=" + trustedCarriers + ", carriers="
                + carriers.stream().map(CarrierOptions::name).toList() + ", trustPai=" + trustAssertedIdentity + ", maxCalls="
                + maxCalls + ", maxCallDuration=" + maxCallDuration + ", ringTimeout=" + ringTimeout + ", retryAfter="
                + retryAfter + ", failoverTimeout=" + failoverTimeout + ", minSessionInterval=" + minSessionInterval
                + ", noSession=" + noSessionStatus + ", digestAuth=" + digestAuth.map(a -> a.realm()).orElse("off")
                + ", " + headerPolicy
                + "]";
    }

    /** Builder of {@link B2buaOptions}. */
    public static final class Builder {
        private List<Cidr> trustedCarriers = DEFAULT_TRUSTED_CARRIERS;
        private List<CarrierOptions> carriers = List.of();
        private boolean trustAssertedIdentity = DEFAULT_TRUST_ASSERTED_IDENTITY;
        private int maxCalls = DEFAULT_MAX_CALLS;
        private Duration maxCallDuration = DEFAULT_MAX_CALL_DURATION;
        private Duration ringTimeout = DEFAULT_RING_TIMEOUT;
        private Duration retryAfter = DEFAULT_RETRY_AFTER;
        private Duration failoverTimeout = DEFAULT_FAILOVER_TIMEOUT;
        private Duration minSessionInterval = DEFAULT_MIN_SESSION_INTERVAL;
        private HeaderPolicy headerPolicy = DEFAULT_HEADER_POLICY;
        private int noSessionStatus = DEFAULT_NO_SESSION_STATUS;
        private java.util.Optional<String> noSessionReason = java.util.Optional.empty();
        private java.util.Optional<SipDigestAuthOptions> digestAuth = java.util.Optional.empty();

        private Builder() {
        }

        /** Challenges every new INVITE for digest credentials (407) once it passed the ACL; empty: off. */
        public Builder digestAuth(java.util.Optional<SipDigestAuthOptions> auth) {
            this.digestAuth = Objects.requireNonNull(auth, "auth");
            return this;
        }

        /** Carrier address blocks allowed to send INVITEs; default {@link #DEFAULT_TRUSTED_CARRIERS}. */
        public Builder trustedCarriers(List<Cidr> blocks) {
            this.trustedCarriers = List.copyOf(Objects.requireNonNull(blocks, "blocks"));
            return this;
        }

        /**
         * Carriers named within the ACL, each with the address blocks its INVITEs come from and its
         * limits, matched in this order; names unique. Default none: the ACL alone.
         */
        public Builder carriers(List<CarrierOptions> named) {
            this.carriers = List.copyOf(Objects.requireNonNull(named, "named"));
            if (carriers.stream().map(CarrierOptions::name).distinct().count() != carriers.size()) {
                throw new IllegalArgumentException("carrier names must be unique");
            }
            return this;
        }

        /** Default {@link #DEFAULT_TRUST_ASSERTED_IDENTITY}. */
        public Builder trustAssertedIdentity(boolean trust) {
            this.trustAssertedIdentity = trust;
            return this;
        }

        /** At least 1; default {@link #DEFAULT_MAX_CALLS}. */
        public Builder maxCalls(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxCalls must be >= 1");
            }
            this.maxCalls = max;
            return this;
        }

        /** At least 1 s; default {@link #DEFAULT_MAX_CALL_DURATION}. */
        public Builder maxCallDuration(Duration d) {
            this.maxCallDuration = atLeastOneSecond(d, "maxCallDuration");
            return this;
        }

        /** At least 1 s; default {@link #DEFAULT_RING_TIMEOUT}. */
        public Builder ringTimeout(Duration d) {
            this.ringTimeout = atLeastOneSecond(d, "ringTimeout");
            return this;
        }

        /** At least 1 s, whole seconds on the wire; default {@link #DEFAULT_RETRY_AFTER}. */
        public Builder retryAfter(Duration d) {
            this.retryAfter = atLeastOneSecond(d, "retryAfter");
            return this;
        }

        /** At least 100 ms; default {@link #DEFAULT_FAILOVER_TIMEOUT}. */
        public Builder failoverTimeout(Duration d) {
            Objects.requireNonNull(d, "failoverTimeout");
            if (d.compareTo(Duration.ofMillis(100)) < 0) {
                throw new IllegalArgumentException("failoverTimeout must be at least 100 ms");
            }
            this.failoverTimeout = d;
            return this;
        }

        /** At least 1 s; default {@link #DEFAULT_MIN_SESSION_INTERVAL}. */
        public Builder minSessionInterval(Duration d) {
            this.minSessionInterval = atLeastOneSecond(d, "minSessionInterval");
            return this;
        }

        /** Default {@link #DEFAULT_HEADER_POLICY}. */
        public Builder headerPolicy(HeaderPolicy policy) {
            this.headerPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** One of {@link #NO_SESSION_STATUSES}; default {@link #DEFAULT_NO_SESSION_STATUS}. */
        public Builder noSessionStatus(int status) {
            if (!NO_SESSION_STATUSES.contains(status)) {
                throw new IllegalArgumentException("noSessionStatus must be one of " + new java.util.TreeSet<>(NO_SESSION_STATUSES));
            }
            this.noSessionStatus = status;
            return this;
        }

        /** Matches {@link #REASON_PHRASE}; default empty (the status's standard phrase). */
        public Builder noSessionReason(java.util.Optional<String> phrase) {
            Objects.requireNonNull(phrase, "phrase");
            if (phrase.isPresent() && !REASON_PHRASE.matcher(phrase.get()).matches()) {
                throw new IllegalArgumentException("noSessionReason must be 1-64 letters, spaces or ,.'/- (no digits)");
            }
            this.noSessionReason = phrase;
            return this;
        }

        private static Duration atLeastOneSecond(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException(name + " must be at least 1 s");
            }
            return d;
        }

        public B2buaOptions build() {
            return new B2buaOptions(this);
        }
    }
}
