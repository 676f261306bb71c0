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
import io.maskgate.server.admin.PoolsApi;
import io.maskgate.server.admin.ReloadApi;
import io.maskgate.server.admin.Route;
import io.maskgate.server.config.ConfigLoader;
import io.maskgate.server.config.GatewayConfig;
import io.maskgate.server.config.ReloadResult;
import io.maskgate.server.config.StoreConfig;
import io.maskgate.server.status.DecisionCounters;
import io.maskgate.server.status.RateHistory;
import io.maskgate.server.status.RelayStatus;
import io.maskgate.server.status.StatusApi;
import io.maskgate.server.status.StatusSampler;
import io.maskgate.sip.b2bua.SipRelay;
import io.maskgate.smpp.SmppRelay;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.OptionalInt;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
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
    /** How often a drain looks at the number of calls in progress. */
    static final Duration DRAIN_POLL = Duration.ofMillis(100);
    /** How often a drain logs that number. */
    static final Duration DRAIN_LOG_EVERY = Duration.ofSeconds(5);

    /** How long the drain waits, at its bound, for the BYEs of calls still up to be sent. */
    static final Duration DRAIN_HANG_UP_WAIT = Duration.ofSeconds(2);

    private final GatewayConfig config;
    private final Deque<AutoCloseable> closeInReverse = new ArrayDeque<>();
    private AdminServer admin;
    private PrometheusMeterRegistry registry;
    private Optional<SipRelay> sip = Optional.empty();
    private Optional<SmppRelay> smpp = Optional.empty();
    /** Set once by {@link #drainAndClose}: readiness fails from then on. */
    private final AtomicBoolean draining = new AtomicBoolean();

    /** The conf file and what it read at start, when the node may reload it. */
    private final Optional<ReloadSource> reloadSource;
    private Optional<ConfReload> reload = Optional.empty();

    private record ReloadSource(Path file, ConfigLoader.Loaded loaded) {
    }

    private Gateway(GatewayConfig config, Optional<ReloadSource> reloadSource) {
        this.config = config;
        this.reloadSource = reloadSource;
    }

    public static Gateway start(GatewayConfig config) {
        return start(config, Clock.systemUTC());
    }

    /** Starts every part or none: on failure, what was started is closed again and the cause rethrown. */
    public static Gateway start(GatewayConfig config, Clock clock) {
        return start(new Gateway(config, Optional.empty()), clock);
    }

    /**
     * Starts on what {@code file} read ({@code loaded}); {@link #reload()} (SIGHUP, the admin
     * API's {@code POST /v1/admin/reload}) re-reads that file.
     */
    public static Gateway start(Path file, ConfigLoader.Loaded loaded, Clock clock) {
        return start(new Gateway(loaded.config(), Optional.of(new ReloadSource(file, loaded))), clock);
    }

    private static Gateway start(Gateway gateway, Clock clock) {
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
        SessionStore store = started(SessionStores.create(config.store(), redis, pools, keys, resources,
                config.sessions().closedRetention()));
        ConsentParts consent = started(ConsentParts.create(config.consent(), redis, keys, resources));
        PrivacyParts privacy = started(PrivacyParts.create(config, redis, keys, resources, storeBackstop(config.store())));
        FileDecisionLog decisions = started(DecisionLogs.open(config.audit(), config.nodeId(), keys, registry,
                privacy.sealer()));
        EventPublisher events = started(DecisionLogs.events(config.events(), redis, registry));
        // session_created / session_closed for every create and close, whichever path asks
        store = new io.maskgate.core.events.PublishingSessionStore(store, events, clock, config.nodeId());
        Router router = new Router(normalizer, store, consent.gate(), registry,
                new DecisionRecorder(decisions, events, clock, config.nodeId()),
                config.sessions().outOfSession().fallback());
        if (config.sip().enabled()) {
            sip = Optional.of(started(SipRelays.start(config.sip(), config.sessions().outOfSession(), router,
                    normalizer, registry, clock, events, config.nodeId())));
            // the calls' Redis lookups on the loop that asked (LoopConnections); closed before the loops
            redis.ifPresent(r -> started(r.openLoopConnections(sip.get().transport().eventLoops(),
                    sip.get().transport().socketChannelClass())));
        }
        if (config.smpp().enabled()) {
            SmppRelay relay = started(SmppRelays.create(config.smpp(), router, redis, keys, resources,
                    events, config.nodeId()));
            relay.start();
            smpp = Optional.of(relay);
        }
        reload = reloadSource.map(source -> new ConfReload(source.file(), source.loaded(), sip, smpp, consent.gate(),
                registry));
        consent.revocations().ifPresent(r -> r.addListener(new RevocationEnforcer(sip, smpp)));
        AdminApi api = new AdminApi(config.admin(), config.sessions(), pools.byName().keySet(), normalizer, store,
                () -> true, registry, storeBackstop(config.store()), healthChecks(decisions), webhook(consent),
                privacy.rights(decisions, keys, store, consent, redis));
        List<Route> extra = new ArrayList<>(consoleRoutes(api, pools, store, resources));
        reload.ifPresent(r -> extra.add(new ReloadApi(r::reload, ForkJoinPool.commonPool()).route()));
        admin = started(AdminServer.start(config.admin().listen(), config.admin().maxBodyBytes(), api.routes(extra),
                new Authenticator(config.admin().tokens()), new AdminMetrics(registry),
                resources.acceptor(), resources.adminWorkers()));
        logListeners();
    }

    /** The status page and {@code /v1/pools}; the sampler behind the page runs until close. */
    private List<Route> consoleRoutes(AdminApi api, NumberPools pools, SessionStore store, ServerResources resources) {
        RateHistory rates = new RateHistory(resources.clock(), RateHistory.DEFAULT_INTERVAL, RateHistory.DEFAULT_WINDOW,
                new DecisionCounters(registry));
        started(StatusSampler.start(rates, resources.adminWorkers()));
        StatusApi status = new StatusApi(config.nodeId(), api.health()::readiness, RelayStatus.of(sip, smpp, registry),
                rates, resources.clock());
        List<Route> routes = new ArrayList<>(status.routes(config.admin().statusPublic()));
        routes.addAll(new PoolsApi(pools, store, storeBackstop(config.store())).routes());
        return routes;
    }

    /** Registers {@code part} to be closed (in reverse order of registration) and returns it. */
    private <T extends AutoCloseable> T started(T part) {
        closeInReverse.push(part);
        return part;
    }

    private List<HealthCheck> healthChecks(FileDecisionLog decisions) {
        List<HealthCheck> checks = new ArrayList<>();
        checks.add(HealthCheck.required("audit_log", decisions::isHealthy));
        // down from the first moment of a drain, so load balancers stop sending before anything is refused
        checks.add(HealthCheck.required("accepting_traffic", () -> !draining.get()));
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
     * Re-reads the conf file and applies its safe settings (see {@link ConfReload}); an invalid
     * file changes nothing and the result says why. Empty when the node was started without a file.
     */
    public Optional<ReloadResult> reload() {
        return reload.map(ConfReload::reload);
    }

    /**
     * Graceful drain, then {@link #close()} (SIGTERM; usable in-process). In order: readiness
     * answers 503 at once; SIP answers new INVITEs and OPTIONS 503 with Retry-After while calls in
     * progress keep flowing; SMPP refuses new binds, answers what is in the ESMEs' windows, unbinds
     * them and the upstreams; then calls in progress may end by themselves until {@code bound}
     * after the start of the drain; then everything closes, the decision log forced to disk and the
     * event publisher drained. Blocks until done; a second call (or a concurrent one) only closes.
     *
     * @param bound how long calls in progress may go on ({@code shutdown.drainTimeoutSeconds})
     */
    public void drainAndClose(Duration bound) {
        if (!draining.compareAndSet(false, true)) {
            close();
            return;
        }
        long started = System.nanoTime();
        log.info("draining (calls may go on for up to {} s): readiness now 503, new calls and binds refused",
                bound.toSeconds());
        sip.ifPresent(SipRelay::drain);
        smpp.ifPresent(relay -> {
            relay.drain();
            log.info("drain: SMPP windows answered, ESME and upstream binds unbound");
        });
        sip.ifPresent(relay -> awaitCalls(relay, started + bound.toNanos()));
        close();
        log.info("drained and closed in {} ms", Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    /**
     * Waits until no call is in progress or the deadline passes, logging the count now and then.
     * Runs on the thread that handles SIGTERM (never an event loop), so polling the call count every
     * {@link #DRAIN_POLL} blocks nothing else; calls end on their event loops meanwhile.
     */
    private static void awaitCalls(SipRelay relay, long deadlineNanos) {
        long nextLog = System.nanoTime();
        while (relay.callsInProgress() > 0) {
            long now = System.nanoTime();
            if (now - deadlineNanos >= 0) {
                callsStillUpAtBound(relay);
                return;
            }
            if (now - nextLog >= 0) {
                log.info("drain: {} call(s) in progress, {} s left", relay.callsInProgress(),
                        Duration.ofNanos(deadlineNanos - now).toSeconds());
                nextLog = now + DRAIN_LOG_EVERY.toNanos();
            }
            try {
                Thread.sleep(DRAIN_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.warn("drain interrupted with {} call(s) in progress", relay.callsInProgress());
                return;
            }
        }
        log.info("drain: no call in progress");
    }

    /**
     * The drain's bound passed with calls still up: each gets a BYE on both legs (a ringing one a
     * 480 and a CANCEL), so both parties hear the call end instead of silence when the node stops.
     * Waits a moment for those to be sent; their transactions end with the relay.
     */
    private static void callsStillUpAtBound(SipRelay relay) {
        log.warn("drain bound reached: ending {} call(s) still up with BYE on both legs", relay.callsInProgress());
        try {
            int ended = relay.endCalls(call -> true, SipRelay.SHUTDOWN_REASON)
                    .get(DRAIN_HANG_UP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            log.info("drain: {} call(s) ended by the gateway", ended);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("drain: ending the remaining calls did not complete ({})", e.getClass().getSimpleName());
        }
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
