package io.maskgate.server;

import io.maskgate.core.number.NumberNormalizer;
import io.maskgate.core.pool.NumberPools;
import io.maskgate.core.session.SessionStore;
import io.maskgate.keystore.KeyRing;
import io.maskgate.server.admin.AdminApi;
import io.maskgate.server.admin.AdminMetrics;
import io.maskgate.server.admin.AdminServer;
import io.maskgate.server.admin.Authenticator;
import io.maskgate.server.config.GatewayConfig;
import io.maskgate.server.config.StoreConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running gateway node, wired by hand: conf -> keys -> session store -> admin API.
 * {@link #close()} stops them in reverse order: admin listener, store, then event loops.
 * Tests run it in-process with {@code admin.port: 0} and read {@link #adminPort()}.
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
        ServerResources resources = new ServerResources(clock);
        closeInReverse.push(resources);
        registry = resources.registry();
        KeyRing keys = KeyRingLoader.load(config.keystore());
        NumberPools pools = SessionStores.pools(config.pools());
        SessionStore store = SessionStores.create(config.store(), pools, keys, resources);
        closeInReverse.push(store);
        AdminApi api = new AdminApi(config.admin(), config.sessions(), pools.byName().keySet(),
                new NumberNormalizer(config.numbers().defaultCountryCode()), store, () -> true,
                registry, storeBackstop(config.store()));
        admin = AdminServer.start(config.admin().listen(), config.admin().maxBodyBytes(), api.routes(),
                new Authenticator(config.admin().tokens()), new AdminMetrics(registry),
                resources.acceptor(), resources.adminWorkers());
        closeInReverse.push(admin);
        logListeners();
    }

    private static Duration storeBackstop(StoreConfig store) {
        return store.redis()
                .map(r -> r.commandTimeout().multipliedBy(4))
                .map(d -> d.compareTo(MIN_REDIS_BACKSTOP) < 0 ? MIN_REDIS_BACKSTOP : d)
                .orElse(MEMORY_STORE_BACKSTOP);
    }

    private void logListeners() {
        log.info("node {}: admin API listening on http://{}:{} ({} store)", config.nodeId(),
                adminAddress().getHostString(), adminPort(), config.store().type().name().toLowerCase(java.util.Locale.ROOT));
        if (config.admin().tokens().isEmpty()) {
            log.warn("admin.tokens is empty: every authenticated admin route will answer 401");
        }
        log.info("SIP configured on udp {} and tcp {} (relay not wired yet)", config.sip().udp(), config.sip().tcp());
        log.info("SMPP configured on {} (relay not wired yet)", config.smpp().listen());
    }

    public InetSocketAddress adminAddress() {
        return admin.localAddress();
    }

    public int adminPort() {
        return adminAddress().getPort();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Idempotent. Admin listener first (no new work), then the store, then event loops and registry. */
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
