package io.maskgate.core.session.redis;

import static io.maskgate.core.session.SessionFixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.maskgate.core.number.PhoneNumber;
import io.maskgate.core.pool.NumberPools;
import io.maskgate.core.session.PoolExhaustedException;
import io.maskgate.core.session.Resolution;
import io.maskgate.core.session.Session;
import io.maskgate.core.session.SessionFixtures;
import io.maskgate.core.session.SessionRequest;
import io.maskgate.keystore.KeyRing;
import io.maskgate.testing.RedisServer;
import io.maskgate.testing.RedisServerExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two gateway nodes (two stores, two connections, one key ring) allocate from one small pool at
 * the same time, with participants drawn from a small crowd so that clashes are frequent.
 */
@ExtendWith(RedisServerExtension.class)
class ConcurrentAllocationIntegrationTest {

    private static final int POOL_SIZE = 20;
    private static final int PEOPLE = 100;
    private static final int SESSIONS = 1_000;
    private static final int IN_FLIGHT = 64;

    /** One request and how it ended. */
    private record Outcome(SessionRequest request, Session session, Throwable failure) {}

    @Test
    void twoNodesNeverHandOutAClashingMapping(RedisServer redis) throws Exception {
        try (RedisClient admin = closeableClient(redis)) {
            admin.connect().sync().flushall();
        }
        KeyRing keys = SessionFixtures.testKeys();
        NumberPools pools = SessionFixtures.pools(POOL_SIZE);
        RedisStoreOptions options = RedisStoreOptions.builder().uri(redis.uri()).commandTimeout(Duration.ofSeconds(2)).build();
        try (RedisSessionStore node1 = RedisSessionStore.create(options, pools, keys, Clock.systemUTC(), new SimpleMeterRegistry());
             RedisSessionStore node2 = RedisSessionStore.create(options, pools, keys, Clock.systemUTC(), new SimpleMeterRegistry())) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> node1.ping().join() && node2.ping().join());

            List<Outcome> outcomes = runConcurrently(List.of(node1, node2));

            List<Session> created = outcomes.stream().filter(o -> o.session() != null).map(Outcome::session).toList();
            List<Outcome> exhausted = outcomes.stream().filter(o -> o.failure() != null).toList();
            exhausted.forEach(o -> assertInstanceOf(PoolExhaustedException.class, o.failure()));
            assertTrue(created.size() > 100, "created " + created.size());
            assertTrue(exhausted.size() > 0, "the crowd is small enough to exhaust the pool for some pairs");

            Set<String> busy = new HashSet<>();
            for (Session s : created) {
                assertTrue(busy.add(s.proxyNumber().e164() + "|" + s.a().number().e164()), "clash on " + s.id());
                assertTrue(busy.add(s.proxyNumber().e164() + "|" + s.b().number().e164()), "clash on " + s.id());
                Resolution r = node2.resolve(s.proxyNumber(), s.a().number()).join();
                assertEquals(s.id(), assertInstanceOf(Resolution.Routable.class, r).sessionId());
            }
            // Nothing was deleted, so a refused pair must still find every number taken by one of them.
            for (Outcome o : exhausted) {
                for (PhoneNumber proxy : pools.require(SessionFixtures.POOL).numbers()) {
                    assertTrue(busy.contains(proxy.e164() + "|" + o.request().a().number().e164())
                            || busy.contains(proxy.e164() + "|" + o.request().b().number().e164()),
                            "refused although a number was free");
                }
            }
        }
    }

    private static List<Outcome> runConcurrently(List<RedisSessionStore> nodes) throws InterruptedException {
        Random random = new Random(42);
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<Outcome>> all = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            int a = random.nextInt(PEOPLE);
            int b = (a + 1 + random.nextInt(PEOPLE - 1)) % PEOPLE;
            SessionRequest request = request(a, b, Duration.ofMinutes(10));
            if (!inFlight.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("store stopped answering");
            }
            all.add(nodes.get(i % nodes.size()).create(request)
                    .handle((session, error) -> new Outcome(request, session,
                            error instanceof CompletionException ? error.getCause() : error))
                    .whenComplete((o, e) -> inFlight.release()));
        }
        return all.stream().map(CompletableFuture::join).toList();
    }

    private static RedisClient closeableClient(RedisServer redis) {
        return RedisClient.create(redis.uri());
    }
}
