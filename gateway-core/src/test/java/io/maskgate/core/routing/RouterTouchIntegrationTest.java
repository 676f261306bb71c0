package io.maskgate.core.routing;

import static io.maskgate.core.session.SessionFixtures.person;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.maskgate.core.number.NumberNormalizer;
import io.maskgate.core.session.CloseReason;
import io.maskgate.core.session.Resolution;
import io.maskgate.core.session.Session;
import io.maskgate.core.session.SessionFixtures;
import io.maskgate.core.session.SessionMode;
import io.maskgate.core.session.SessionRequest;
import io.maskgate.core.session.SessionStatus;
import io.maskgate.core.session.redis.RedisSessionStore;
import io.maskgate.core.session.redis.RedisStoreOptions;
import io.maskgate.testing.MutableClock;
import io.maskgate.testing.RedisServer;
import io.maskgate.testing.RedisServerExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The router writes to Redis after a routed decision only when that changes something: the first
 * interaction (open -> in progress) and every interaction of a sliding session. Counted on the
 * server with INFO commandstats (the touch script is the store's only EVALSHA on this path).
 */
@ExtendWith(RedisServerExtension.class)
class RouterTouchIntegrationTest {

    private static final Pattern EVALSHA_CALLS = Pattern.compile("cmdstat_evalsha:calls=(\\d+)");

    private final MutableClock clock = MutableClock.atSystemTime();
    private final RedisServer redis;
    private RedisSessionStore store;
    private Router router;
    private RedisClient admin;
    private StatefulRedisConnection<String, String> adminConnection;

    RouterTouchIntegrationTest(RedisServer redis) {
        this.redis = redis;
    }

    @BeforeEach
    void start() {
        store = RedisSessionStore.create(
                RedisStoreOptions.builder().uri(redis.uri()).commandTimeout(Duration.ofSeconds(1)).build(),
                SessionFixtures.pools(50), SessionFixtures.testKeys(), clock, new SimpleMeterRegistry());
        await().atMost(Duration.ofSeconds(10)).until(() -> store.ping().join());
        router = new Router(new NumberNormalizer("91"), store,
                (subject, purpose, channel) -> CompletableFuture.completedFuture(ConsentVerdict.granted("c-1")),
                new SimpleMeterRegistry());
        admin = RedisClient.create(redis.uri());
        adminConnection = admin.connect();
    }

    @AfterEach
    void stop() {
        adminConnection.close();
        admin.shutdown();
        store.close();
    }

    private Session session(int a, int b, Optional<Duration> sliding) {
        return store.create(new SessionRequest("delivery", Duration.ofHours(1), "order-" + a, SessionFixtures.POOL,
                person(a), person(b), SessionMode.BOTH, sliding)).join();
    }

    /**
     * Routes one call and waits until Redis has executed whatever the router sent for it: the touch
     * (if any) is written to the store's connection before the decision completes, and the PING
     * after it on the same connection is answered only once Redis ran it.
     */
    private void routeAndSettle(Session s, int caller) {
        assertInstanceOf(Decision.Route.class,
                router.decide(s.proxyNumber(), person(caller).number(), Channel.VOICE).join());
        assertTrue(store.ping().join());
    }

    private long evalshaCalls() {
        Matcher m = EVALSHA_CALLS.matcher(adminConnection.sync().info("commandstats"));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    @Test
    void aSecondInteractionOfASessionWithoutSlidingWindowWritesNothing() {
        Session s = session(1, 2, Optional.empty());
        long before = evalshaCalls();

        routeAndSettle(s, 1);
        long afterFirst = evalshaCalls();
        assertEquals(before + 1, afterFirst, "the first interaction records open -> in progress");
        assertEquals(SessionStatus.IN_PROGRESS, store.find(s.id()).join().orElseThrow().status());

        routeAndSettle(s, 1);
        routeAndSettle(s, 2); // the counterpart's entry was marked by the same touch
        assertEquals(afterFirst, evalshaCalls(), "nothing to change, nothing written");
        assertEquals(SessionStatus.IN_PROGRESS, store.find(s.id()).join().orElseThrow().status());
    }

    @Test
    void everyInteractionOfASlidingSessionWrites() {
        Session s = session(3, 4, Optional.of(Duration.ofMinutes(10)));
        long before = evalshaCalls();

        routeAndSettle(s, 3);
        clock.advance(Duration.ofMinutes(1));
        routeAndSettle(s, 4);

        assertEquals(before + 2, evalshaCalls(), "each interaction moves the window");
        assertEquals(clock.instant().plus(Duration.ofMinutes(10)).toEpochMilli(),
                store.find(s.id()).join().orElseThrow().activeUntil().toEpochMilli());
    }

    @Test
    void resolveTellsInProgressOnlyForTheSessionThatWasTouched() {
        Session first = tinyPoolSession("order-5");
        assertFalse(routable(first, 5).inProgress());
        routeAndSettle(first, 5);
        assertTrue(routable(first, 5).inProgress());
        assertTrue(routable(first, 6).inProgress());

        // a newer session of the same pair on the same (only) number starts open: its first call writes
        store.close(first.id(), CloseReason.API).join();
        Session second = tinyPoolSession("order-5b");
        assertEquals(first.proxyNumber(), second.proxyNumber());
        assertFalse(routable(second, 5).inProgress());
        long before = evalshaCalls();
        routeAndSettle(second, 5);
        assertEquals(before + 1, evalshaCalls());
        assertEquals(SessionStatus.IN_PROGRESS, store.find(second.id()).join().orElseThrow().status());
    }

    private Session tinyPoolSession(String reference) {
        return store.create(new SessionRequest("delivery", Duration.ofHours(1), reference, SessionFixtures.TINY_POOL,
                person(5), person(6), SessionMode.BOTH, Optional.empty())).join();
    }

    private Resolution.Routable routable(Session s, int caller) {
        return assertInstanceOf(Resolution.Routable.class, store.resolve(s.proxyNumber(), person(caller).number()).join());
    }
}
