package io.maskgate.server.config;

import static io.maskgate.server.config.GatewayConfigDef.*;

import io.maskgate.sip.carrier.Cidr;
import io.maskgate.sip.transport.SipTransportOptions;
import io.maskgate.sip.transport.SipTransportType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The SIP relay: listeners ({@link #udp()}, {@link #tcp()}), the address peers must use to reach
 * us, RFC 3261 timers, the carrier ACL and call limits, the outbound trunks and how they are
 * watched. When enabled, at least one trunk is required: a relay that can route calls nowhere is
 * a conf mistake. Trunk hosts and ACL entries are IP literals, checked here without DNS.
 */
public record SipConfig(
        boolean enabled,
        ListenAddress udp,
        ListenAddress tcp,
        Optional<InetAddress> advertisedAddress,
        int udpReceiveBufferBytes,
        int parserWarmUpCalls,
        int ioThreads,
        Overload overload,
        int udpMtu,
        Duration connectTimeout,
        int maxConnections,
        Tls tls,
        Timers timers,
        int maxTransactions,
        Calls calls,
        List<Trunk> trunks,
        TrunkHealth trunkHealth,
        Optional<Auth> auth) {

    public SipConfig {
        Objects.requireNonNull(udp, "udp");
        Objects.requireNonNull(tcp, "tcp");
        Objects.requireNonNull(advertisedAddress, "advertisedAddress");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(timers, "timers");
        Objects.requireNonNull(overload, "overload");
        Objects.requireNonNull(calls, "calls");
        Objects.requireNonNull(trunkHealth, "trunkHealth");
        Objects.requireNonNull(auth, "auth");
        trunks = List.copyOf(trunks);
    }

    /**
     * Digest authentication of new INVITEs ({@code sip.auth}), present when enabled. Passwords are
     * named, not held: each is read once at start, hashed with the realm and dropped.
     */
    public record Auth(String realm, String algorithm, Duration nonceTtl, List<AuthUser> users) {
        public Auth {
            Objects.requireNonNull(realm, "realm");
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(nonceTtl, "nonceTtl");
            users = List.copyOf(users);
        }
    }

    /** A carrier account of {@code sip.auth.users}; the password is where {@code password} says. */
    public record AuthUser(String username, SecretRef password) {
        public AuthUser {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }
    }

    /**
     * What a backlog in the UDP receive queues changes (see {@code ReceiveBacklogOptions}): the two
     * percents of the receive buffer (0 = off), how long the queue must stay at the second before
     * new calls are refused, and whether keep-alive OPTIONS are answered 503 meanwhile.
     */
    public record Overload(int holdRetransmissionsAtQueuePercent, int rejectNewCallsAtQueuePercent,
                           Duration rejectNewCallsAfter, boolean answerOptionsWith503) {
        public Overload {
            Objects.requireNonNull(rejectNewCallsAfter, "rejectNewCallsAfter");
        }
    }

    /**
     * SIP over TLS. The PEM files are named here and loaded when the relay starts (a file that does
     * not parse, or a key that is not the certificate's, stops start-up naming its key).
     *
     * @param enabled a TLS listener on {@code listen}, presenting {@code certificate}
     * @param trustedCas CAs for carrier and trunk certificates; empty: the JVM's
     * @param clientAuth none, optional or required
     */
    public record Tls(boolean enabled, ListenAddress listen, Optional<Path> certificate, Optional<Path> privateKey,
                      Optional<Path> trustedCas, String clientAuth) {
        public Tls {
            Objects.requireNonNull(listen, "listen");
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(privateKey, "privateKey");
            Objects.requireNonNull(trustedCas, "trustedCas");
            Objects.requireNonNull(clientAuth, "clientAuth");
        }

        static Tls from(ConfigValues v) {
            Tls tls = new Tls(v.bool(SIP_TLS_ENABLED), new ListenAddress(v.string(SIP_TLS_LISTEN), v.integer(SIP_TLS_PORT)),
                    v.optionalString(SIP_TLS_CERTIFICATE).map(Path::of), v.optionalString(SIP_TLS_PRIVATE_KEY).map(Path::of),
                    v.optionalString(SIP_TLS_TRUSTED_CAS).map(Path::of), v.string(SIP_TLS_CLIENT_AUTH));
            if (tls.enabled && tls.certificate.isEmpty()) {
                throw new ConfigException(SIP_TLS_CERTIFICATE, "is required when sip.tls.enabled is true");
            }
            if (tls.enabled && tls.privateKey.isEmpty()) {
                throw new ConfigException(SIP_TLS_PRIVATE_KEY, "is required when sip.tls.enabled is true");
            }
            if (!tls.clientAuth.equals("none") && tls.trustedCas.isEmpty()) {
                throw new ConfigException(SIP_TLS_TRUSTED_CAS, "is required when sip.tls.clientAuth is "
                        + tls.clientAuth + ": client certificates are checked against it");
            }
            return tls;
        }
    }

    /** RFC 3261 T1, T2, T4 (appendix A); every other timer derives from them. */
    public record Timers(Duration t1, Duration t2, Duration t4) {
    }

    /** Who may call in, and the bounds on calls. */
    public record Calls(List<Cidr> acl, List<Carrier> carriers, boolean trustAssertedIdentity, int maxCalls,
                        Duration maxCallDuration, Duration ringTimeout, Duration retryAfter,
                        Duration minSessionInterval) {
        public Calls {
            acl = List.copyOf(acl);
            carriers = List.copyOf(carriers);
            Objects.requireNonNull(maxCallDuration, "maxCallDuration");
            Objects.requireNonNull(minSessionInterval, "minSessionInterval");
            Objects.requireNonNull(ringTimeout, "ringTimeout");
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }

    /**
     * A carrier named within the ACL: the blocks its INVITEs come from, and what it bought.
     *
     * @param limits its calls at once and new calls a second; 0 for no limit
     * @param trustAssertedIdentity its own {@code sip.trustAssertedIdentity}; empty: the relay's
     */
    public record Carrier(String name, List<Cidr> addresses, CallLimits limits, Optional<Boolean> trustAssertedIdentity) {
        public Carrier {
            Objects.requireNonNull(name, "name");
            addresses = List.copyOf(addresses);
            Objects.requireNonNull(limits, "limits");
            Objects.requireNonNull(trustAssertedIdentity, "trustAssertedIdentity");
        }
    }

    /**
     * One outbound trunk.
     *
     * @param transport UDP, TCP or TLS
     * @param udpOnly over UDP, oversized requests stay on UDP (the trunk does not take TCP)
     */
    public record Trunk(String name, InetSocketAddress address, SipTransportType transport, int priority, int weight,
                        boolean assertIdentity, boolean udpOnly, CallLimits limits, Optional<TrunkAuth> auth) {
        public Trunk {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(transport, "transport");
            Objects.requireNonNull(limits, "limits");
            Objects.requireNonNull(auth, "auth");
        }

        /** A UDP trunk that also takes TCP for oversized requests, and trusts our address. */
        public Trunk(String name, InetSocketAddress address, int priority, int weight, boolean assertIdentity) {
            this(name, address, SipTransportType.UDP, priority, weight, assertIdentity, false, CallLimits.NONE,
                    Optional.empty());
        }
    }

    /**
     * What an interconnect was sold, a trunk's or a carrier's: calls at once (channels) and new
     * calls a second; 0 for no limit.
     */
    public record CallLimits(int maxCalls, int maxCallsPerSecond) {
        public static final CallLimits NONE = new CallLimits(0, 0);
    }

    /**
     * The account answering a trunk's digest challenges; the password stays where {@code password}
     * points.
     *
     * @param ahead answer the trunk's last challenge again on its next INVITEs, before it challenges them
     */
    public record TrunkAuth(String username, SecretRef password, boolean ahead) {
        public TrunkAuth {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }
    }

    /** OPTIONS pings; {@code interval} zero means no pings. */
    public record TrunkHealth(Duration interval, int failuresToDown, int successesToUp) {
        public TrunkHealth {
            Objects.requireNonNull(interval, "interval");
        }
    }

    static SipConfig from(ConfigValues v) {
        boolean enabled = v.bool(SIP_ENABLED);
        ListenAddress udp = new ListenAddress(v.string(SIP_UDP_LISTEN), v.integer(SIP_UDP_PORT));
        ListenAddress tcp = new ListenAddress(v.string(SIP_TCP_LISTEN), v.integer(SIP_TCP_PORT));
        Tls tls = Tls.from(v);
        Optional<InetAddress> advertised = advertised(v, enabled, tls.enabled() ? List.of(udp, tcp, tls.listen())
                : List.of(udp, tcp));
        List<Trunk> trunks = trunks(v);
        for (int i = 0; i < trunks.size(); i++) {
            if (trunks.get(i).transport() == SipTransportType.TLS && !tls.enabled()) {
                throw new ConfigException(SIP_TRUNKS + "[" + i + "].transport", "tls needs sip.tls.enabled: true "
                        + "(our Via and Contact name our TLS listener)");
            }
        }
        if (enabled && trunks.isEmpty()) {
            throw new ConfigException(SIP_TRUNKS, "needs at least one trunk when sip.enabled is true "
                    + "(or set sip.enabled: false)");
        }
        return new SipConfig(enabled, udp, tcp, advertised, v.integer(SIP_UDP_RECEIVE_BUFFER_BYTES),
                v.integer(SIP_PARSER_WARM_UP_CALLS), ioThreads(v.integer(SIP_IO_THREADS)),
                new Overload(v.integer(SIP_OVERLOAD_HOLD_RETRANSMISSIONS), v.integer(SIP_OVERLOAD_REJECT_NEW_CALLS),
                        Duration.ofMillis(v.integer(SIP_OVERLOAD_REJECT_NEW_CALLS_AFTER_MS)),
                        v.bool(SIP_OVERLOAD_ANSWER_OPTIONS_WITH_503)),
                v.integer(SIP_UDP_MTU),
                Duration.ofMillis(v.integer(SIP_TCP_CONNECT_TIMEOUT_MS)),
                v.integer(SIP_TCP_MAX_CONNECTIONS), tls, timers(v),
                v.integer(SIP_MAX_TRANSACTIONS), calls(v), trunks, new TrunkHealth(
                        Duration.ofSeconds(v.integer(SIP_TRUNK_HEALTH_INTERVAL_SECONDS)),
                        v.integer(SIP_TRUNK_HEALTH_FAILURES_TO_DOWN), v.integer(SIP_TRUNK_HEALTH_SUCCESSES_TO_UP)),
                auth(v));
    }

    private static Optional<Auth> auth(ConfigValues v) {
        List<AuthUser> users = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < v.size(SIP_AUTH_USERS); i++) {
            String p = SIP_AUTH_USERS + "[" + i + "].";
            String name = v.string(p + "username");
            if (!names.add(name)) {
                throw new ConfigException(p + "username", "duplicate username '" + name + "'");
            }
            users.add(new AuthUser(name, SecretRef.required(v, p + "passwordEnv", p + "passwordFile",
                    "the account's password")));
        }
        if (!v.bool(SIP_AUTH_ENABLED)) {
            return Optional.empty();
        }
        if (users.isEmpty()) {
            throw new ConfigException(SIP_AUTH_USERS, "needs at least one account when sip.auth.enabled is true");
        }
        return Optional.of(new Auth(v.string(SIP_AUTH_REALM), v.string(SIP_AUTH_ALGORITHM),
                Duration.ofSeconds(v.integer(SIP_AUTH_NONCE_TTL_SECONDS)), users));
    }

    /** {@code sip.ioThreads}; 0 means the transport's default (one loop per CPU core). */
    private static int ioThreads(int configured) {
        return configured == 0 ? SipTransportOptions.DEFAULT_IO_THREADS : configured;
    }

    /**
     * A wildcard bind has no address of its own to write into Via and Contact; guessing this
     * host's address gives peers one they often cannot reach, so conf must say.
     */
    private static Optional<InetAddress> advertised(ConfigValues v, boolean enabled, List<ListenAddress> listens) {
        Optional<InetAddress> advertised = v.optionalString(SIP_ADVERTISED_ADDRESS).flatMap(IpLiterals::address);
        if (advertised.isPresent() && advertised.get().isAnyLocalAddress()) {
            throw new ConfigException(SIP_ADVERTISED_ADDRESS, "must be an address peers can reach, not a wildcard");
        }
        if (enabled && advertised.isEmpty()) {
            for (ListenAddress listen : listens) {
                if (isWildcard(listen.host())) {
                    throw new ConfigException(SIP_ADVERTISED_ADDRESS, "is required when SIP listens on "
                            + listen.host() + " (sip.udp.listen / sip.tcp.listen / sip.tls.listen): peers need an address to reach us");
                }
            }
        }
        return advertised;
    }

    private static boolean isWildcard(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return IpLiterals.address(bare).map(InetAddress::isAnyLocalAddress).orElse(false);
    }

    private static Timers timers(ConfigValues v) {
        int t1 = v.integer(SIP_T1_MS);
        int t2 = v.integer(SIP_T2_MS);
        if (t2 < t1) {
            throw new ConfigException(SIP_T2_MS, "must be at least " + SIP_T1_MS + " (" + t1 + "), was " + t2);
        }
        return new Timers(Duration.ofMillis(t1), Duration.ofMillis(t2), Duration.ofMillis(v.integer(SIP_T4_MS)));
    }

    private static Calls calls(ConfigValues v) {
        List<Cidr> acl = blocks(v, SIP_ACL);
        return new Calls(acl, carriers(v, acl), v.bool(SIP_TRUST_ASSERTED_IDENTITY), v.integer(SIP_MAX_CALLS),
                Duration.ofSeconds(v.integer(SIP_MAX_CALL_SECONDS)), Duration.ofSeconds(v.integer(SIP_RING_TIMEOUT_SECONDS)),
                Duration.ofSeconds(v.integer(SIP_RETRY_AFTER_SECONDS)),
                Duration.ofSeconds(v.integer(SIP_MIN_SESSION_INTERVAL_SECONDS)));
    }

    private static List<Cidr> blocks(ConfigValues v, String key) {
        return v.strings(key).stream()
                .map(text -> IpLiterals.block(text).orElseThrow(() -> new ConfigException(key, "bad block")))
                .map(b -> new Cidr(b.address(), b.prefixLength()))
                .toList();
    }

    /**
     * Names unique, and every block inside the ACL: an INVITE from outside it is refused 403 before
     * any carrier is looked at, so a block outside would be a limit that never applies.
     */
    private static List<Carrier> carriers(ConfigValues v, List<Cidr> acl) {
        List<Carrier> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < v.size(SIP_CARRIERS); i++) {
            String p = SIP_CARRIERS + "[" + i + "].";
            String name = v.string(p + "name");
            if (!names.add(name)) {
                throw new ConfigException(p + "name", "duplicate carrier '" + name + "'");
            }
            List<Cidr> addresses = blocks(v, p + "addresses");
            if (addresses.isEmpty()) {
                throw new ConfigException(p + "addresses", "needs at least one address block");
            }
            for (Cidr block : addresses) {
                if (acl.stream().noneMatch(a -> a.covers(block))) {
                    throw new ConfigException(p + "addresses", block + " is not within " + SIP_ACL
                            + ": INVITEs from it are refused (403) before the carrier's limits apply");
                }
            }
            String trust = p + "trustAssertedIdentity";
            out.add(new Carrier(name, addresses,
                    new CallLimits(v.integer(p + "maxCalls"), v.integer(p + "maxCallsPerSecond")),
                    v.contains(trust) ? Optional.of(v.bool(trust)) : Optional.empty()));
        }
        return out;
    }

    private static List<Trunk> trunks(ConfigValues v) {
        List<Trunk> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < v.size(SIP_TRUNKS); i++) {
            String p = SIP_TRUNKS + "[" + i + "].";
            String name = v.string(p + "name");
            if (!names.add(name)) {
                throw new ConfigException(p + "name", "duplicate trunk '" + name + "'");
            }
            InetAddress host = IpLiterals.address(v.string(p + "host"))
                    .orElseThrow(() -> new ConfigException(p + "host", "must be an IP address"));
            SipTransportType transport = SipTransportType.valueOf(v.string(p + "transport").toUpperCase(Locale.ROOT));
            out.add(new Trunk(name, new InetSocketAddress(host, v.integer(p + "port")), transport,
                    v.integer(p + "priority"), v.integer(p + "weight"), v.bool(p + "assertIdentity"),
                    v.bool(p + "udpOnly"), new CallLimits(v.integer(p + "maxCalls"), v.integer(p + "maxCallsPerSecond")),
                    trunkAuth(v, p)));
        }
        return out;
    }

    /** {@code authUsername} and exactly one password source, or none of the three. */
    private static Optional<TrunkAuth> trunkAuth(ConfigValues v, String p) {
        Optional<String> username = v.optionalString(p + "authUsername");
        Optional<SecretRef> password = SecretRef.optional(v, p + "authPasswordEnv", p + "authPasswordFile");
        boolean ahead = v.bool(p + "authAhead");
        if (username.isEmpty()) {
            if (password.isPresent()) {
                throw new ConfigException(p + "authUsername", "is required with " + password.get().confKey());
            }
            if (ahead) {
                throw new ConfigException(p + "authAhead", "needs " + p + "authUsername: without an account there"
                        + " is nothing to answer with");
            }
            return Optional.empty();
        }
        return Optional.of(new TrunkAuth(username.get(), password.orElseThrow(() -> new ConfigException(
                p + "authPasswordEnv", "is required (or " + p + "authPasswordFile) with " + p + "authUsername")),
                ahead));
    }
}
