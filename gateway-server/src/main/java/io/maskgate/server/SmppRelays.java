package io.maskgate.server;

import io.maskgate.core.events.EventPublisher;
import io.maskgate.core.rate.RateLimit;
import io.maskgate.core.routing.Router;
import io.maskgate.core.session.redis.RedisConnector;
import io.maskgate.keystore.KeyRing;
import io.maskgate.keystore.tls.TlsMaterial;
import io.maskgate.server.config.GatewayConfigDef;
import io.maskgate.server.config.SmppConfig;
import io.maskgate.smpp.SmppRelay;
import io.maskgate.smpp.receipt.InMemoryMessageIdStore;
import io.maskgate.smpp.receipt.MessageIdStore;
import io.maskgate.smpp.receipt.RedisMessageIdStore;
import io.maskgate.smpp.relay.DltOptions;
import io.maskgate.smpp.relay.RelayOptions;
import io.maskgate.smpp.server.EsmeAccount;
import io.maskgate.smpp.server.EsmeAccounts;
import io.maskgate.smpp.server.SmppServerOptions;
import io.maskgate.smpp.upstream.UpstreamOptions;
import io.maskgate.smpp.upstream.UpstreamSmsc;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Turns {@link SmppConfig} into a built (not yet started) {@link SmppRelay}. */
final class SmppRelays {

    /** Backstop on one message-id map command, above the Redis command timeout. */
    static final Duration MESSAGE_ID_STORE_BACKSTOP = Duration.ofSeconds(1);

    /** The largest maxBinds an account may have (smpp.accounts[].maxBinds is checked against 1..1000). */
    static final int MAX_BINDS_CEILING = 1000;

    private SmppRelays() {
    }

    /**
     * @param redis the shared connector with the Redis store (the message-id map lives there too);
     *     empty: an in-memory map for the single-node quick start
     * @param events the publisher (and {@code nodeId} the node id) the decision recorder also uses
     * @throws io.maskgate.server.config.ConfigException when an upstream password is unset or unreadable
     */
    static SmppRelay create(SmppConfig conf, Router router, Optional<RedisConnector> redis,
                            KeyRing keys, ServerResources resources, EventPublisher events, String nodeId) {
        return SmppRelay.builder()
                .serverOptions(serverOptions(conf))
                .upstreamOptions(upstreamOptions(conf))
                .relayOptions(relayOptions(conf))
                .accounts(accounts(conf.accounts()))
                .router(router)
                .messageIdStore(messageIds(conf, redis, keys, resources))
                .meterRegistry(resources.registry())
                .clock(resources.clock())
                .eventPublisher(events)
                .nodeId(nodeId)
                .build();
    }

    private static MessageIdStore messageIds(SmppConfig conf, Optional<RedisConnector> redis, KeyRing keys,
                                             ServerResources resources) {
        Duration ttl = conf.relay().receiptTtl();
        return redis.<MessageIdStore>map(r -> new RedisMessageIdStore(r::commands, keys, ttl, MESSAGE_ID_STORE_BACKSTOP))
                .orElseGet(() -> new InMemoryMessageIdStore(resources.clock(), ttl, conf.relay().receiptMaxEntries()));
    }

    private static SmppServerOptions serverOptions(SmppConfig conf) {
        SmppConfig.Server s = conf.server();
        SmppServerOptions.Builder b = SmppServerOptions.builder()
                .listenHost(conf.listen().host())
                .listenPort(conf.listen().port())
                .maxCommandLength(s.maxCommandLength())
                .windowSize(s.windowSize())
                .maxPendingBinds(s.maxPendingBinds())
                .bindTimeout(s.bindTimeout())
                .idleTimeout(s.idleTimeout())
                .submitTimeout(s.submitTimeout())
                // Each account's own maxBinds is the real limit (a reload may raise it): no ceiling below it.
                .maxBindsPerSystemId(MAX_BINDS_CEILING);
        SmppConfig.Tls tls = s.tls();
        if (tls.enabled()) {
            b.tls(new SmppServerOptions.TlsListener(tls.port(), SERVER_TLS.load(tls.certificate(), tls.privateKey(),
                    tls.trustedCas()), tls.requireClientCertificate()));
        }
        return b.build();
    }

    private static final TlsMaterials SERVER_TLS = new TlsMaterials(GatewayConfigDef.SMPP_TLS_CERTIFICATE,
            GatewayConfigDef.SMPP_TLS_PRIVATE_KEY, GatewayConfigDef.SMPP_TLS_TRUSTED_CAS);

    /** TLS to an upstream: its own trusted CAs; our certificate (smpp.tls) when the server face has one. */
    private static Optional<TlsMaterial> upstreamTls(SmppConfig conf, int index, SmppConfig.UpstreamSmsc u) {
        if (!u.tls()) {
            return Optional.empty();
        }
        SmppConfig.Tls ours = conf.server().tls();
        String p = GatewayConfigDef.SMPP_UPSTREAMS + "[" + index + "].";
        return Optional.of(new TlsMaterials(GatewayConfigDef.SMPP_TLS_CERTIFICATE, GatewayConfigDef.SMPP_TLS_PRIVATE_KEY,
                p + "trustedCas").load(ours.enabled() ? ours.certificate() : Optional.empty(),
                ours.enabled() ? ours.privateKey() : Optional.empty(), u.trustedCas()));
    }

    private static UpstreamOptions upstreamOptions(SmppConfig conf) {
        List<UpstreamSmsc> smscs = new java.util.ArrayList<>();
        for (int i = 0; i < conf.upstreams().size(); i++) {
            SmppConfig.UpstreamSmsc u = conf.upstreams().get(i);
            smscs.add(new UpstreamSmsc(u.name(), u.host(), u.port(), u.systemId(), Secrets.supplier(u.password()),
                    u.systemType(), u.binds(), upstreamTls(conf, i, u), u.maxSubmitsPerSecond() == 0 ? RateLimit.UNLIMITED
                            : new RateLimit(u.maxSubmitsPerSecond(), u.maxSubmitsPerSecond())));
        }
        return UpstreamOptions.builder()
                .smscs(smscs)
                .enquireLinkInterval(conf.upstream().enquireLink())
                .responseTimeout(conf.upstream().responseTimeout())
                .maxInFlight(conf.upstream().maxInFlight())
                .maxCommandLength(conf.server().maxCommandLength())
                .sourceTonNpi(conf.relay().sourceTon(), conf.relay().sourceNpi())
                .build();
    }

    private static RelayOptions relayOptions(SmppConfig conf) {
        SmppConfig.Relay r = conf.relay();
        Set<String> requireDlt = conf.accounts().stream().filter(SmppConfig.Account::requireDlt)
                .map(SmppConfig.Account::systemId).collect(Collectors.toUnmodifiableSet());
        RelayOptions.Builder builder = RelayOptions.builder()
                .receiptTtl(r.receiptTtl())
                .dlt(new DltOptions((short) r.dltEntityIdTag(), (short) r.dltTemplateIdTag(), requireDlt));
        r.moSystemId().ifPresent(builder::moSystemId);
        return builder.build();
    }

    static EsmeAccounts accounts(List<SmppConfig.Account> accounts) {
        return EsmeAccounts.of(accounts.stream()
                .map(a -> new EsmeAccount(a.systemId(), a.passwordSha256(), a.maxBinds(),
                        a.ratePerSecond() == 0 ? RateLimit.UNLIMITED : new RateLimit(a.ratePerSecond(), a.burst())))
                .toList());
    }
}
