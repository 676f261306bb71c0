package io.maskgate.bench.smpp;

import io.maskgate.bench.consent.BenchConsent;
import io.maskgate.core.number.NumberNormalizer;
import io.maskgate.core.number.PhoneNumber;
import io.maskgate.core.pool.NumberPool;
import io.maskgate.core.pool.NumberPools;
import io.maskgate.core.routing.Router;
import io.maskgate.core.session.Participant;
import io.maskgate.core.session.Session;
import io.maskgate.core.session.SessionRequest;
import io.maskgate.core.session.redis.RedisConnector;
import io.maskgate.core.session.redis.RedisSessionStore;
import io.maskgate.core.session.redis.RedisStoreOptions;
import io.maskgate.keystore.KeyRing;
import io.maskgate.smpp.SmppRelay;
import io.maskgate.smpp.receipt.RedisMessageIdStore;
import io.maskgate.smpp.relay.RelayOptions;
import io.maskgate.smpp.server.EsmeAccount;
import io.maskgate.smpp.server.EsmeAccounts;
import io.maskgate.smpp.server.SmppServerOptions;
import io.maskgate.smpp.upstream.UpstreamOptions;
import io.maskgate.smpp.upstream.UpstreamSmsc;
import io.maskgate.testing.RedisServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The relay as the gateway wires it, in process: a real redis-server (started here on a free
 * port), the encrypted {@link RedisSessionStore} holding {@code sessions} sessions, the
 * {@link Router} with the consent gate {@link BenchConsent} builds for the mode asked, the sealed
 * message-id map, and {@link SmppRelay} bound to the given upstream SMSC. As in the gateway
 * ({@code Gateway}, {@code SmppRelays}), the store and the message-id map share one
 * {@link RedisConnector}: one lettuce connection and event loop, not one each.
 */
final class RelayUnderTest implements AutoCloseable {
    static final String SYSTEM_ID = "bench";
    static final String PASSWORD = "bench-pw";

    private final RedisServer redis;
    private final RedisConnector connector;
    private final RedisSessionStore store;
    private final SmppRelay relay;
    private final BenchConsent consent;
    private final List<String[]> routes = new ArrayList<>();

    RelayUnderTest(int upstreamPort, int sessions, int window, int upstreamBinds, BenchConsent.Mode consentMode) {
        redis = RedisServer.startNew();
        KeyRing keys = KeyRing.forTesting(new SecureRandom());
        NumberPool pool = new NumberPool("bench",
                NumberPool.range(PhoneNumber.ofE164("+918000000000"), PhoneNumber.ofE164("+918000009999")));
        RedisStoreOptions storeOptions =
                RedisStoreOptions.builder().uri(redis.uri()).commandTimeout(Duration.ofSeconds(1)).build();
        connector = new RedisConnector(storeOptions);
        connector.start();
        store = RedisSessionStore.create(storeOptions, connector, NumberPools.of(pool), keys, Clock.systemUTC(),
                new SimpleMeterRegistry());
        awaitReady();
        createSessions(sessions);
        NumberNormalizer normalizer = new NumberNormalizer("91");
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        consent = BenchConsent.create(consentMode, connector, keys, meters);
        relay = SmppRelay.builder()
                .serverOptions(SmppServerOptions.builder().listenPort(0).windowSize(window).build())
                .upstreamOptions(UpstreamOptions.builder()
                        .smscs(List.of(new UpstreamSmsc("bench-smsc", "127.0.0.1", upstreamPort, "gw", () -> "gw-pw",
                                "", upstreamBinds)))
                        .maxInFlight(Math.max(window, UpstreamOptions.DEFAULT_MAX_IN_FLIGHT))
                        .build())
                .relayOptions(RelayOptions.create())
                .accounts(EsmeAccounts.of(List.of(new EsmeAccount(SYSTEM_ID, EsmeAccounts.sha256Hex(PASSWORD), 4))))
                .router(new Router(normalizer, store, consent.gate(), meters))
                .messageIdStore(new RedisMessageIdStore(connector::commands, keys,
                        RelayOptions.DEFAULT_RECEIPT_TTL, Duration.ofSeconds(1)))
                .meterRegistry(meters)
                .build();
        relay.start();
        awaitUpstream();
    }

    /** One route per session: source = its first participant, destination = its proxy number (digits). */
    List<String[]> routes() {
        return routes;
    }

    int port() {
        return relay.localPort();
    }

    /** Requests the consent platform stand-in answered (0 unless the mode is http). */
    long consentPlatformRequests() {
        return consent.platformRequests();
    }

    private void createSessions(int count) {
        for (int i = 0; i < count; i++) {
            Participant a = new Participant("cust-" + i, PhoneNumber.ofE164("+9198" + String.format("%08d", i)));
            Participant b = new Participant("rider-" + i, PhoneNumber.ofE164("+9197" + String.format("%08d", i)));
            Session s = store.create(new SessionRequest("delivery", Duration.ofHours(2), "order-" + i, "bench", a, b))
                    .join();
            routes.add(new String[] {a.number().digits(), s.proxyNumber().digits()});
        }
    }

    /** The store connects in the background; wait, bounded, until it answers. */
    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!store.ping().join()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("redis store not ready after 15 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private void awaitUpstream() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!relay.isUpstreamHealthy()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("relay did not bind to the bench SMSC within 15 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    @Override
    public void close() {
        relay.close();
        consent.close();
        store.close();
        connector.close();
        redis.close();
    }
}
