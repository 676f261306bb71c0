package io.maskgate.server;

import io.maskgate.core.audit.DecisionRecorder;
import io.maskgate.core.audit.FileDecisionLog;
import io.maskgate.core.events.EventPublisher;
import io.maskgate.core.number.NumberNormalizer;
import io.maskgate.core.pool.NumberPools;
import io.maskgate.core.routing.Router;
import io.maskgate.core.session.SessionStore;
import io.maskgate.core.session.redis.RedisConnector;
import io.maskgate.keystore.KeyRing;
import io.maskgate.server.admin.AdminApi;
import io.maskgate.server.admin.AdminMetrics;
import io.maskgate.server.admin.AdminServer;
import io.maskgate.server.admin.Authenticator;
import io.maskgate.server.admin.ConsentWebhookApi;
import io.maskgate.server.admin.HealthCheck;
import io.maskgate.server.config.GatewayConfig;
import io.maskgate.server.config.StoreConfig;
import io.maskgate.sip.b2bua.SipRelay;
import io.maskgate.smpp.SmppRelay;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running gateway node, wired by hand:
 * conf -> keys -> Redis connector (one per process) -> session store -> consent gate -> decision
 * log -> events -> decision recorder -> router -> SIP relay -> SMPP relay -> admin API. Both
 * relays share the one router and normaliser. {@link #close()} stops them in reverse order, so
 * the admin API and the relays stop taking work before the decision log is drained and closed,
 * and Redis goes last. Tests run it in-process with {@code admin.port: 0} (and
 * {@code smpp.port: 0}, {@code sip.udp.port: 0}, {@code sip.tcp.port: 0}) and read the bound ports.
 */
public final class Gateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Gateway.class);

    /** Backstop on store calls for the in-memory store, which answers at once anyway. */
    static final Duration MEMORY_STORE_BACKSTOP = Duration.ofSeconds(5);
    /** Floor of the backstop on Redis calls: a few command timeouts, but never below this. */
    static final Duration MIN_REDIS_BACKSTOP = Duration.ofMillis(500);

    private final GatewayConfig config;
    private final Deque<AutoCloseable> closeInReverse = new ArrayDeque<>();
    private AdminServer admin;
    private PrometheusMeterRegistry registry;
    private Optional<SipRelay> sip = Optional.empty();
    private Optional<SmppRelay> smpp = Optional.empty();

    private Gateway(GatewayConfig config) {
        this.config = config;
    }

    public static Gateway start(GatewayConfig config) {
        return start(config, Clock.systemUTC());
    }

    /** Starts every part or none: on failure, what was started is closed again and the cause rethrown. */
    public static Gateway start(GatewayConfig config, Clock clock) {
        Gateway gateway = new Gateway(config);
        try {
            gateway.build(clock);
            return gateway;
        } catch (RuntimeException e) {
            gateway.close();
            throw e;
        }
    }

    private void build(Clock clock) {
        ServerResources resources = started(new ServerResources(clock));
        registry = resources.registry();
        KeyRing keys = KeyRingLoader.load(config.keystore());
        NumberPools pools = SessionStores.pools(config.pools());
        NumberNormalizer normalizer = new NumberNormalizer(config.numbers().defaultCountryCode());
        Optional<RedisConnector> redis = SessionStores.connector(config.store()).map(this::started);
        SessionStore store = started(SessionStores.create(config.store(), redis, pools, keys, resources));
        ConsentParts consent = started(ConsentParts.create(config.consent(), redis, keys, resources));
        PrivacyParts privacy = started(PrivacyParts.create(config, redis, keys, resources, storeBackstop(config.store())));
        FileDecisionLog decisions = started(DecisionLogs.open(config.audit(), config.nodeId(), keys, registry,
                privacy.sealer()));
        EventPublisher events = started(DecisionLogs.events(config.events(), redis, registry));
        Router router = new Router(normalizer, store, consent.gate(), registry,
                new DecisionRecorder(decisions, events, clock, config.nodeId()));
        if (config.sip().enabled()) {
            sip = Optional.of(started(SipRelays.start(config.sip(), router, normalizer, registry, clock,
                    events, config.nodeId())));
        }
        if (config.smpp().enabled()) {
            SmppRelay relay = started(SmppRelays.create(config.smpp(), router, redis, keys, resources,
                    events, config.nodeId()));
            relay.start();
            smpp = Optional.of(relay);
        }
        AdminApi api = new AdminApi(config.admin(), config.sessions(), pools.byName().keySet(), normalizer, store,
                () -> true, registry, storeBackstop(config.store()), healthChecks(decisions), webhook(consent),
                privacy.rights(decisions, keys, store, consent, redis));
        admin = started(AdminServer.start(config.admin().listen(), config.admin().maxBodyBytes(), api.routes(),
                new Authenticator(config.admin().tokens()), new AdminMetrics(registry),
                resources.acceptor(), resources.adminWorkers()));
        logListeners();
    }

    /** Registers {@code part} to be closed (in reverse order of registration) and returns it. */
    private <T extends AutoCloseable> T started(T part) {
        closeInReverse.push(part);
        return part;
    }

    private List<HealthCheck> healthChecks(FileDecisionLog decisions) {
        List<HealthCheck> checks = new ArrayList<>();
        checks.add(HealthCheck.required("audit_log", decisions::isHealthy));
        // Trunk and SMSC outages are the carriers': reported, but the node still serves sessions and the other channel.
        sip.ifPresent(relay -> checks.add(HealthCheck.reported("sip_trunks", () -> SipRelays.anyTrunkUp(relay))));
        smpp.ifPresent(relay -> checks.add(HealthCheck.reported("smpp_upstream", relay::isUpstreamHealthy)));
        return checks;
    }

    private static Optional<ConsentWebhookApi> webhook(ConsentParts consent) {
        return consent.webhook().map(verifier -> new ConsentWebhookApi(verifier, consent.revocations().orElseThrow()));
    }

    private static Duration storeBackstop(StoreConfig store) {
        return store.redis()
                .map(r -> r.commandTimeout().multipliedBy(4))
                .map(d -> d.compareTo(MIN_REDIS_BACKSTOP) < 0 ? MIN_REDIS_BACKSTOP : d)
                .orElse(MEMORY_STORE_BACKSTOP);
    }

    private void logListeners() {
        log.info("node {}: admin API listening on http://{}:{} ({} store, {} consent, decision log {}, events {})",
                config.nodeId(), adminAddress().getHostString(), adminPort(), lower(config.store().type()),
                lower(config.consent().type()), config.audit().file(), lower(config.events().type()));
        if (config.admin().tokens().isEmpty()) {
            log.warn("admin.tokens is empty: every authenticated admin route will answer 401");
        }
        logSip();
        if (smpp.isPresent()) {
            log.info("SMPP relay listening on {}:{} (ESME accounts: {}; upstreams {}: {})", config.smpp().listen().host(),
                    smpp.get().localPort(), config.smpp().accounts().size(),
                    config.smpp().upstreams().stream().map(u -> u.name() + "=" + u.host() + ":" + u.port()).toList(),
                    smpp.get().isUpstreamHealthy() ? "bound" : "not bound yet, retrying in the background");
        } else {
            log.info("SMPP relay disabled (smpp.enabled: false)");
        }
    }

    private void logSip() {
        if (sip.isEmpty()) {
            log.info("SIP relay disabled (sip.enabled: false)");
            return;
        }
        SipRelay relay = sip.get();
        log.info("SIP relay listening on udp {} and tcp {} (advertised as {}; carriers allowed from {}; trunks {}; "
                        + "OPTIONS pings {})",
                hostPort(relay.transport().udpLocalAddresses().get(0)),
                hostPort(relay.transport().tcpLocalAddresses().get(0)),
                config.sip().advertisedAddress().map(InetAddress::getHostAddress).orElse("the bound address"),
                config.sip().calls().acl(),
                config.sip().trunks().stream().map(t -> t.name() + "=" + hostPort(t.address())).toList(),
                config.sip().trunkHealth().interval().isZero() ? "off"
                        : "every " + config.sip().trunkHealth().interval().toSeconds() + " s");
    }

    private static String hostPort(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public InetSocketAddress adminAddress() {
        return admin.localAddress();
    }

    public int adminPort() {
        return adminAddress().getPort();
    }

    /** The SIP relay's bound UDP port, when the relay runs. */
    public OptionalInt sipUdpPort() {
        return sip.map(s -> OptionalInt.of(s.transport().udpLocalAddresses().get(0).getPort()))
                .orElse(OptionalInt.empty());
    }

    /** The SIP relay's bound TCP port, when the relay runs. */
    public OptionalInt sipTcpPort() {
        return sip.map(s -> OptionalInt.of(s.transport().tcpLocalAddresses().get(0).getPort()))
                .orElse(OptionalInt.empty());
    }

    /** The SMPP server face's bound port, when the relay runs. */
    public OptionalInt smppPort() {
        return smpp.map(s -> OptionalInt.of(s.localPort())).orElse(OptionalInt.empty());
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /**
     * Idempotent. Admin listener first (no new work), then the SMPP relay (drains its windows,
     * which may still make decisions), the SIP relay (calls in progress are dropped), events, the decision log (drains and forces every accepted
     * record), consent, the store, the Redis connector, then event loops and registry.
     */
    @Override
    public synchronized void close() {
        while (!closeInReverse.isEmpty()) {
            AutoCloseable part = closeInReverse.pop();
            try {
                part.close();
            } catch (Exception e) {
                log.warn("error while closing {}", part.getClass().getSimpleName(), e);
            }
        }
    }
}
