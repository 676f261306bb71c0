package io.maskgate.server;

import io.maskgate.core.events.EventPublisher;
import io.maskgate.core.number.NumberNormalizer;
import io.maskgate.core.routing.Router;
import io.maskgate.keystore.tls.TlsMaterial;
import io.maskgate.server.config.GatewayConfigDef;
import io.maskgate.server.config.ListenAddress;
import io.maskgate.server.config.SipConfig;
import io.maskgate.sip.auth.DigestAccount;
import io.maskgate.sip.auth.DigestAlgorithm;
import io.maskgate.sip.auth.SipDigestAuthOptions;
import io.maskgate.sip.auth.SipDigestUser;
import io.maskgate.sip.b2bua.B2buaOptions;
import io.maskgate.sip.b2bua.SipLiveOptions;
import io.maskgate.sip.b2bua.SipRelay;
import io.maskgate.sip.carrier.CarrierOptions;
import io.maskgate.sip.transaction.TransactionOptions;
import io.maskgate.sip.transport.ReceiveBacklogOptions;
import io.maskgate.sip.transport.SipTransportException;
import io.maskgate.sip.transport.SipTlsOptions;
import io.maskgate.sip.transport.SipTransportOptions;
import io.maskgate.sip.transport.SipTransportType;
import io.maskgate.sip.trunk.Trunk;
import io.maskgate.sip.trunk.TrunkHealthOptions;
import io.maskgate.sip.trunk.TrunkOptions;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Turns {@link SipConfig} into a started {@link SipRelay}. */
final class SipRelays {

    private SipRelays() {
    }

    /**
     * Binds the SIP listeners and starts the relay.
     *
     * @param events the publisher (and {@code nodeId} the node id) the decision recorder also uses
     *
     * @throws IllegalStateException when a listener cannot be bound (port in use, address not on this host)
     */
    static SipRelay start(SipConfig conf, Router router, NumberNormalizer normalizer, MeterRegistry registry,
                          Clock clock, EventPublisher events, String nodeId) {
        return start(conf, io.maskgate.server.config.SessionsConfig.OutOfSession.DEFAULT, router, normalizer,
                registry, clock, events, nodeId);
    }

    /** As above, answering out-of-session callers as {@code outOfSession} says (sessions.outOfSession.*). */
    static SipRelay start(SipConfig conf, io.maskgate.server.config.SessionsConfig.OutOfSession outOfSession,
                          Router router, NumberNormalizer normalizer, MeterRegistry registry,
                          Clock clock, EventPublisher events, String nodeId) {
        SipRelay.Builder builder = SipRelay.builder(router, normalizer, registry)
                .transport(transportOptions(conf))
                .transactions(transactionOptions(conf))
                .b2bua(b2buaOptions(conf.calls(), conf.auth()).mutate().noSessionStatus(outOfSession.sipStatus())
                        .noSessionReason(outOfSession.sipReason()).build())
                .trunks(trunks(conf.trunks()))
                .trunkHealth(trunkHealth(conf.trunkHealth()))
                .clock(clock)
                .eventPublisher(events)
                .nodeId(nodeId);
        conf.advertisedAddress().ifPresent(builder::advertisedAddress);
        try {
            return builder.start();
        } catch (SipTransportException e) {
            throw new IllegalStateException(e.getMessage() + " (sip.udp.listen/port, sip.tcp.listen/port, sip.tls.listen/port)", e);
        }
    }

    /** True while at least one trunk answers its pings: what /health/ready reports as {@code sip_trunks}. */
    static boolean anyTrunkUp(SipRelay relay) {
        return relay.trunks().trunks().stream().anyMatch(Trunk::isUp);
    }

    private static SipTransportOptions transportOptions(SipConfig conf) {
        SipTransportOptions.Builder b = SipTransportOptions.builder()
                .udpBindAddresses(List.of(bindAddress(conf.udp())))
                .tcpBindAddresses(List.of(bindAddress(conf.tcp())))
                .udpReceiveBufferBytes(conf.udpReceiveBufferBytes())
                .parserWarmUpCalls(conf.parserWarmUpCalls())
                .ioThreads(conf.ioThreads())
                .receiveBacklog(overload(conf.overload()))
                .udpMtu(conf.udpMtu())
                .connectTimeout(conf.connectTimeout())
                .maxConnections(conf.maxConnections());
        tlsOptions(conf.tls()).ifPresent(b::tls);
        return b.build();
    }

    /** TLS when the listener is on; PEM files are read here, a bad one stops start-up naming its key. */
    private static Optional<SipTlsOptions> tlsOptions(SipConfig.Tls tls) {
        if (!tls.enabled()) {
            return Optional.empty();
        }
        TlsMaterial material = new TlsMaterials(GatewayConfigDef.SIP_TLS_CERTIFICATE,
                GatewayConfigDef.SIP_TLS_PRIVATE_KEY, GatewayConfigDef.SIP_TLS_TRUSTED_CAS)
                .load(tls.certificate(), tls.privateKey(), tls.trustedCas());
        return Optional.of(SipTlsOptions.builder(material)
                .bindAddresses(List.of(bindAddress(tls.listen())))
                .clientAuth(SipTlsOptions.ClientAuth.valueOf(tls.clientAuth().toUpperCase(Locale.ROOT)))
                .build());
    }

    /** The listen host is resolved here, once, at start: a name in conf must name this host. */
    private static InetSocketAddress bindAddress(ListenAddress listen) {
        String host = listen.host();
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return new InetSocketAddress(bare, listen.port());
    }

    /** One Retry-After for every 503 of ours, whether the store, consent or the transaction table is the cause. */
    private static TransactionOptions transactionOptions(SipConfig conf) {
        SipConfig.Timers t = conf.timers();
        return TransactionOptions.builder()
                .t1(t.t1())
                .t2(t.t2())
                .t4(t.t4())
                .maxTransactions(conf.maxTransactions())
                .overloadRetryAfter(conf.calls().retryAfter())
                .build();
    }

    private static B2buaOptions b2buaOptions(SipConfig.Calls calls, Optional<SipConfig.Auth> auth) {
        return B2buaOptions.builder()
                .digestAuth(auth.map(SipRelays::digestAuth))
                .trustedCarriers(calls.acl())
                .carriers(carriers(calls.carriers()))
                .trustAssertedIdentity(calls.trustAssertedIdentity())
                .maxCalls(calls.maxCalls())
                .maxCallDuration(calls.maxCallDuration())
                .ringTimeout(calls.ringTimeout())
                .retryAfter(calls.retryAfter())
                .minSessionInterval(calls.minSessionInterval())
                .build();
    }

    /** Each password is read here, once, hashed with the realm and dropped; one that cannot be read stops start-up. */
    private static SipDigestAuthOptions digestAuth(SipConfig.Auth auth) {
        List<SipDigestUser> users = new java.util.ArrayList<>();
        for (SipConfig.AuthUser u : auth.users()) {
            users.add(SipDigestUser.of(u.username(), auth.realm(), Secrets.read(u.password())));
        }
        // sip.auth.algorithm is validated as one of the tokens
        return new SipDigestAuthOptions(auth.realm(), DigestAlgorithm.named(auth.algorithm()).orElseThrow(),
                auth.nonceTtl(), users);
    }

    /** The live part a conf reload may change: trunks, the carrier ACL and carriers, the overload thresholds. */
    static SipLiveOptions liveOptions(SipConfig conf) {
        return new SipLiveOptions(trunks(conf.trunks()), conf.calls().acl(), carriers(conf.calls().carriers()),
                overload(conf.overload()));
    }

    private static List<CarrierOptions> carriers(List<SipConfig.Carrier> carriers) {
        return carriers.stream()
                .map(c -> new CarrierOptions(c.name(), c.addresses(), c.limits().maxCalls(), c.limits().maxCallsPerSecond(),
                        c.trustAssertedIdentity()))
                .toList();
    }

    private static ReceiveBacklogOptions overload(SipConfig.Overload overload) {
        return new ReceiveBacklogOptions(overload.holdRetransmissionsAtQueuePercent(),
                overload.rejectNewCallsAtQueuePercent(), overload.rejectNewCallsAfter(),
                ReceiveBacklogOptions.DEFAULT_SAMPLE_INTERVAL, overload.answerOptionsWith503());
    }

    /** A trunk's password is read here, at start and at each reload of sip.trunks; one that cannot be read stops either. */
    private static List<TrunkOptions> trunks(List<SipConfig.Trunk> trunks) {
        return trunks.stream()
                .map(t -> {
                    TrunkOptions.Builder b = TrunkOptions.builder(t.name(), t.address())
                            .transport(t.transport())
                            .udpOnly(t.udpOnly())
                            .priority(t.priority())
                            .weight(t.weight())
                            .assertIdentity(t.assertIdentity())
                            .maxCalls(t.limits().maxCalls())
                            .maxCallsPerSecond(t.limits().maxCallsPerSecond());
                    t.auth().ifPresent(a -> b.account(new DigestAccount(a.username(), Secrets.read(a.password())))
                            .authAhead(a.ahead()));
                    return b.build();
                })
                .toList();
    }

    private static TrunkHealthOptions trunkHealth(SipConfig.TrunkHealth health) {
        return TrunkHealthOptions.builder()
                .pingInterval(health.interval())
                .failureThreshold(health.failuresToDown())
                .recoveryThreshold(health.successesToUp())
                .build();
    }
}
