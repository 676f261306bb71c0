package io.maskgate.sip.trunk;

import io.maskgate.sip.auth.ChallengesAhead;
import io.maskgate.sip.auth.DigestAccount;
import io.maskgate.sip.limit.CallCapacity;
import io.maskgate.sip.transport.SipTransportType;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One outbound trunk towards callees (a carrier's SBC or a PBX). Immutable; create with
 * {@link #builder(String, InetSocketAddress)}.
 *
 * <p>Selection follows DNS SRV (RFC 2782): the lowest {@link #priority()} is tried first, trunks
 * of equal priority share calls in proportion to {@link #weight()}.
 */
public final class TrunkOptions {

    /** Default priority: 10. Lower is preferred. */
    public static final int DEFAULT_PRIORITY = 10;
    /** Default weight: 1. Must be at least 1. */
    public static final int DEFAULT_WEIGHT = 1;
    /** Default transport: UDP. */
    public static final SipTransportType DEFAULT_TRANSPORT = SipTransportType.UDP;
    /** Default: no P-Asserted-Identity on calls to this trunk. */
    public static final boolean DEFAULT_ASSERT_IDENTITY = false;
    /** {@link #maxCalls()} for a trunk without a limit; the default. */
    public static final int UNLIMITED_CALLS = CallCapacity.UNLIMITED;
    /** Default: the trunk takes TCP as well, so oversized requests move to TCP (RFC 3261 section 18.1.1). */
    public static final boolean DEFAULT_UDP_ONLY = false;

    private final String name;
    private final InetSocketAddress address;
    private final SipTransportType transport;
    private final String uriHost;
    private final int priority;
    private final int weight;
    private final boolean assertIdentity;
    private final boolean udpOnly;
    private final DigestAccount account;
    private final boolean authAhead;
    private final int maxCalls;
    private final int maxCallsPerSecond;

    private TrunkOptions(Builder b) {
        this.name = b.name;
        this.address = b.address;
        this.transport = b.transport;
        this.uriHost = b.uriHost == null ? hostPort(b.address) : b.uriHost;
        this.priority = b.priority;
        this.weight = b.weight;
        this.assertIdentity = b.assertIdentity;
        this.udpOnly = b.udpOnly;
        this.account = b.account;
        this.authAhead = b.authAhead;
        this.maxCalls = b.maxCalls;
        this.maxCallsPerSecond = b.maxCallsPerSecond;
    }

    /**
     * @param name the trunk's name in conf, logs and the {@code trunk} metric tag: letters,
     *     digits, '-', '_' and '.', 1 to 64 of them
     * @param address the trunk's resolved signalling address
     */
    public static Builder builder(String name, InetSocketAddress address) {
        return new Builder(name, address);
    }

    public String name() {
        return name;
    }

    public InetSocketAddress address() {
        return address;
    }

    public SipTransportType transport() {
        return transport;
    }

    /** The host[:port] of the Request-URI and To of calls to this trunk. */
    public String uriHost() {
        return uriHost;
    }

    public int priority() {
        return priority;
    }

    public int weight() {
        return weight;
    }

    /** True when calls to this trunk carry {@code P-Asserted-Identity} = the proxy number (RFC 3325). */
    public boolean assertIdentity() {
        return assertIdentity;
    }

    /**
     * True when the trunk takes SIP over UDP only: a request too large for a datagram is still sent
     * over UDP (and counted) instead of over TCP. Only meaningful with UDP transport.
     */
    public boolean udpOnly() {
        return udpOnly;
    }

    /**
     * The account that answers the trunk's digest challenges (401 or 407 to our requests); empty
     * when the trunk authenticates the gateway by its address only, and a challenge then fails
     * the call over to the next trunk.
     */
    public Optional<DigestAccount> account() {
        return Optional.ofNullable(account);
    }

    /**
     * Whether an INVITE to the trunk, and each request in its dialog, carries from the second call
     * on the answer to the INVITE challenge the trunk last sent, with its nonce and the next nonce
     * count, so that a trunk that takes a nonce more than once does not challenge every call
     * ({@link ChallengesAhead}). Only with an {@link #account()}.
     */
    public boolean authAhead() {
        return authAhead;
    }

    /**
     * Calls the trunk takes at once, answered or ringing (its channels); a call finding them all
     * taken tries the next trunk. {@link #UNLIMITED_CALLS} for no limit.
     */
    public int maxCalls() {
        return maxCalls;
    }

    /**
     * New calls a second the trunk takes (the carrier's CPS limit), with a burst of one second's
     * worth; a call over it tries the next trunk. {@link #UNLIMITED_CALLS} for no limit.
     */
    public int maxCallsPerSecond() {
        return maxCallsPerSecond;
    }

    private static String hostPort(InetSocketAddress a) {
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    @Override
    public String toString() {
        return "Trunk[" + name + ", " + transport + " " + hostPort(address) + ", priority=" + priority + ", weight="
                + weight + (udpOnly ? ", udpOnly" : "") + (account != null ? (authAhead ? ", digest ahead" : ", digest") : "")
                + (maxCalls != UNLIMITED_CALLS ? ", maxCalls=" + maxCalls : "")
                + (maxCallsPerSecond != UNLIMITED_CALLS ? ", maxCallsPerSecond=" + maxCallsPerSecond : "") + "]";
    }

    /** Builder of {@link TrunkOptions}. */
    public static final class Builder {
        private final String name;
        private final InetSocketAddress address;
        private SipTransportType transport = DEFAULT_TRANSPORT;
        private String uriHost;
        private int priority = DEFAULT_PRIORITY;
        private int weight = DEFAULT_WEIGHT;
        private boolean assertIdentity = DEFAULT_ASSERT_IDENTITY;
        private boolean udpOnly = DEFAULT_UDP_ONLY;
        private DigestAccount account;
        private boolean authAhead;
        private int maxCalls = UNLIMITED_CALLS;
        private int maxCallsPerSecond = UNLIMITED_CALLS;

        private Builder(String name, InetSocketAddress address) {
            Objects.requireNonNull(name, "name");
            if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalArgumentException("trunk name must be 1-64 of [A-Za-z0-9._-]");
            }
            Objects.requireNonNull(address, "address");
            if (address.isUnresolved()) {
                throw new IllegalArgumentException("trunk " + name + ": address must be resolved");
            }
            this.name = name;
            this.address = address;
        }

        /** UDP, TCP or TLS; default {@link #DEFAULT_TRANSPORT}. */
        public Builder transport(SipTransportType transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /** Host (and port) written in the Request-URI and To; default the address as {@code ip:port}. */
        public Builder uriHost(String uriHost) {
            Objects.requireNonNull(uriHost, "uriHost");
            if (uriHost.isBlank() || uriHost.chars().anyMatch(c -> c <= ' ' || c == '@' || c == '>' || c == ';')) {
                throw new IllegalArgumentException("trunk " + name + ": bad uriHost");
            }
            this.uriHost = uriHost;
            return this;
        }

        /** 0 or more, lower first; default {@link #DEFAULT_PRIORITY}. */
        public Builder priority(int priority) {
            if (priority < 0) {
                throw new IllegalArgumentException("trunk " + name + ": priority must be >= 0");
            }
            this.priority = priority;
            return this;
        }

        /** 1 or more; default {@link #DEFAULT_WEIGHT}. */
        public Builder weight(int weight) {
            if (weight < 1) {
                throw new IllegalArgumentException("trunk " + name + ": weight must be >= 1");
            }
            this.weight = weight;
            return this;
        }

        /** Whether to send {@code P-Asserted-Identity: <sip:+V@host>}; default {@link #DEFAULT_ASSERT_IDENTITY}. */
        public Builder assertIdentity(boolean assertIdentity) {
            this.assertIdentity = assertIdentity;
            return this;
        }

        /** Whether the trunk takes UDP only; default {@link #DEFAULT_UDP_ONLY}. See {@link TrunkOptions#udpOnly()}. */
        public Builder udpOnly(boolean udpOnly) {
            this.udpOnly = udpOnly;
            return this;
        }

        /** Answer the trunk's digest challenges with this account; default none. See {@link TrunkOptions#account()}. */
        public Builder account(DigestAccount account) {
            this.account = Objects.requireNonNull(account, "account");
            return this;
        }

        /** Default false. See {@link TrunkOptions#authAhead()}. */
        public Builder authAhead(boolean ahead) {
            this.authAhead = ahead;
            return this;
        }

        /** 0 ({@link #UNLIMITED_CALLS}, the default) or more. See {@link TrunkOptions#maxCalls()}. */
        public Builder maxCalls(int maxCalls) {
            if (maxCalls < 0) {
                throw new IllegalArgumentException("trunk " + name + ": maxCalls must be >= 0");
            }
            this.maxCalls = maxCalls;
            return this;
        }

        /** 0 ({@link #UNLIMITED_CALLS}, the default) to 1,000,000. See {@link TrunkOptions#maxCallsPerSecond()}. */
        public Builder maxCallsPerSecond(int maxCallsPerSecond) {
            if (maxCallsPerSecond < 0 || maxCallsPerSecond > 1_000_000) {
                throw new IllegalArgumentException("trunk " + name + ": maxCallsPerSecond must be in 0..1000000");
            }
            this.maxCallsPerSecond = maxCallsPerSecond;
            return this;
        }

        /** @throws IllegalArgumentException for {@link #authAhead(boolean)} without an {@link #account} */
        public TrunkOptions build() {
            if (authAhead && account == null) {
                throw new IllegalArgumentException("trunk " + name + ": authAhead needs an account");
            }
            return new TrunkOptions(this);
        }
    }
}
