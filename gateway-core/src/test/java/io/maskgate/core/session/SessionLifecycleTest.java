package io.maskgate.core.session;

import static io.maskgate.core.session.SessionFixtures.person;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.core.session.memory.InMemorySessionStore;
import io.maskgate.core.session.redis.RedisSessionStore;
import io.maskgate.core.session.redis.RedisStoreOptions;
import io.maskgate.keystore.KeyRing;
import io.maskgate.testing.MutableClock;
import io.maskgate.testing.RedisServer;
import io.maskgate.testing.RedisServerExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The session state machine (open -> in progress -> closed with a reason), the mode, the sliding
 * window and the closed retention, run unchanged against both stores: they share keys and codecs
 * and must behave alike.
 */
@ExtendWith(RedisServerExtension.class)
class SessionLifecycleTest {

    enum Kind { MEMORY, REDIS }

    private final MutableClock clock = MutableClock.atSystemTime();
    private final KeyRing keys = SessionFixtures.testKeys();
    private final RedisServer redis;
    private SessionStore store;

    SessionLifecycleTest(RedisServer redis) {
        this.redis = redis;
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private SessionStore store(Kind kind) {
        if (kind == Kind.MEMORY) {
            store = new InMemorySessionStore(SessionFixtures.pools(50), keys, clock, Duration.ofDays(7));
        } else {
            RedisSessionStore s = RedisSessionStore.create(
                    RedisStoreOptions.builder().uri(redis.uri()).commandTimeout(Duration.ofSeconds(1)).build(),
                    SessionFixtures.pools(50), keys, clock, new SimpleMeterRegistry());
            store = s;
            await().atMost(Duration.ofSeconds(10)).until(() -> s.ping().join());
        }
        return store;
    }

    private static SessionRequest request(int a, int b, Duration ttl, SessionMode mode, Optional<Duration> sliding) {
        return new SessionRequest("delivery", ttl, "order-" + a, SessionFixtures.TINY_POOL, person(a), person(b),
                mode, sliding);
    }

    private Resolution.Routable routable(Session s, int caller) {
        return assertInstanceOf(Resolution.Routable.class,
                store.resolve(s.proxyNumber(), person(caller).number()).join());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void openThenInProgressAfterARoutedInteraction(Kind kind) {
        SessionStore store = store(kind);
        Session s = store.create(request(1, 2, Duration.ofHours(1), SessionMode.BOTH, Optional.empty())).join();
        assertEquals(SessionStatus.OPEN, s.status());
        assertEquals(Optional.of(s), store.find(s.id()).join());

        assertTrue(store.touch(s.proxyNumber(), person(1).number(), routable(s, 1)).join());

        Session now = store.find(s.id()).join().orElseThrow();
        assertEquals(SessionStatus.IN_PROGRESS, now.status());
        assertEquals(s.expiresAt(), now.activeUntil(), "without a sliding window the expiry does not move");
        assertEquals(Optional.empty(), now.closure());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void closeStopsResolvingAtOnceAndKeepsTheRecordWithItsReason(Kind kind) {
        SessionStore store = store(kind);
        Session s = store.create(request(1, 2, Duration.ofHours(1), SessionMode.BOTH, Optional.empty())).join();
        clock.advance(Duration.ofSeconds(5));

        Session closed = store.close(s.id(), CloseReason.API).join().orElseThrow();

        assertEquals(SessionStatus.CLOSED, closed.status());
        assertEquals(CloseReason.API, closed.closure().orElseThrow().reason());
        assertEquals(s.createdAt().plusSeconds(5), closed.closure().orElseThrow().at());
        for (int caller : new int[] {1, 2}) {
            assertEquals(new Resolution.NoSession(Resolution.Why.NOT_FOUND),
                    store.resolve(s.proxyNumber(), person(caller).number()).join());
        }
        assertEquals(Optional.of(closed), store.find(s.id()).join());
        // closing again keeps the first reason; an interaction racing the close changes nothing
        assertEquals(Optional.of(closed), store.close(s.id(), CloseReason.REVOKED).join());
        assertFalse(store.touch(s.proxyNumber(), person(1).number(),
                new Resolution.Routable(s.id(), s.purpose(), "p1", person(2), s.expiresAt())).join());
        assertEquals(Optional.of(closed), store.find(s.id()).join());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aSessionPastItsExpiryShowsAsClosedExpired(Kind kind) {
        SessionStore store = store(kind);
        Session s = store.create(request(1, 2, Duration.ofSeconds(60), SessionMode.BOTH, Optional.empty())).join();
        clock.advance(Duration.ofSeconds(61));

        Session expired = store.find(s.id()).join().orElseThrow();

        assertEquals(SessionStatus.CLOSED, expired.status());
        assertEquals(new Closure(CloseReason.EXPIRED, s.expiresAt()), expired.closure().orElseThrow());
        assertEquals(Optional.of(expired), store.close(s.id(), CloseReason.API).join(), "already closed by expiry");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void eachInteractionSlidesTheWindowUpToTheAbsoluteExpiry(Kind kind) {
        SessionStore store = store(kind);
        Session s = store.create(request(1, 2, Duration.ofMinutes(30), SessionMode.BOTH,
                Optional.of(Duration.ofMinutes(10)))).join();
        assertEquals(s.createdAt().plus(Duration.ofMinutes(10)), s.activeUntil());

        clock.advance(Duration.ofMinutes(8));
        Instant touchedAt = clock.instant();
        assertTrue(store.touch(s.proxyNumber(), person(2).number(), routable(s, 2)).join());
        Session slid = store.find(s.id()).join().orElseThrow();
        assertEquals(SessionStatus.IN_PROGRESS, slid.status());
        assertEquals(touchedAt.plus(Duration.ofMinutes(10)).toEpochMilli(), slid.activeUntil().toEpochMilli());

        clock.advance(Duration.ofMinutes(4)); // 12 min: past the first window, inside the extended one
        assertFalse(store.find(s.id()).join().orElseThrow().isClosed());
        assertTrue(store.touch(s.proxyNumber(), person(1).number(), routable(s, 1)).join()); // until 22 min

        clock.advance(Duration.ofMinutes(9)); // 21 min: a touch now is capped by the 30 min expiry
        assertTrue(store.touch(s.proxyNumber(), person(1).number(), routable(s, 1)).join());
        assertEquals(s.expiresAt(), store.find(s.id()).join().orElseThrow().activeUntil());

        clock.advance(Duration.ofMinutes(10));
        Session over = store.find(s.id()).join().orElseThrow();
        assertEquals(new Closure(CloseReason.EXPIRED, s.expiresAt()), over.closure().orElseThrow());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aLateInteractionNeverShortensTheWindow(Kind kind) {
        SessionStore store = store(kind);
        Session s = store.create(request(1, 2, Duration.ofHours(1), SessionMode.BOTH,
                Optional.of(Duration.ofMinutes(10)))).join();
        Resolution.Routable r = routable(s, 1);
        clock.advance(Duration.ofMinutes(5));
        store.touch(s.proxyNumber(), person(1).number(), r).join();
        Instant extended = store.find(s.id()).join().orElseThrow().activeUntil();
        clock.advance(Duration.ofMinutes(-3));
        assertTrue(store.touch(s.proxyNumber(), person(1).number(), r).join());
        assertEquals(extended, store.find(s.id()).join().orElseThrow().activeUntil());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void modeIsStoredAndResolvedWithTheSession(Kind kind) {
        SessionStore store = store(kind);
        Session s = store.create(request(1, 2, Duration.ofHours(1), SessionMode.SMS, Optional.empty())).join();
        assertEquals(SessionMode.SMS, routable(s, 1).mode());
        assertEquals(SessionMode.SMS, store.find(s.id()).join().orElseThrow().mode());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void deletingAClosedSessionLeavesANewerSessionOfTheSamePairAlone(Kind kind) {
        SessionStore store = store(kind);
        Session first = store.create(request(1, 2, Duration.ofHours(1), SessionMode.BOTH, Optional.empty())).join();
        store.close(first.id(), CloseReason.API).join();
        Session second = store.create(request(1, 2, Duration.ofHours(1), SessionMode.BOTH, Optional.empty())).join();
        assertEquals(first.proxyNumber(), second.proxyNumber(), "the tiny pool has one number");

        assertTrue(store.delete(first.id()).join());

        assertEquals(second.id(), routable(second, 1).sessionId());
        assertEquals(Optional.empty(), store.find(first.id()).join());
    }
}
