package io.maskgate.core.session.memory;

import static io.maskgate.core.session.SessionFixtures.EMPTY_POOL;
import static io.maskgate.core.session.SessionFixtures.TINY_POOL;
import static io.maskgate.core.session.SessionFixtures.person;
import static io.maskgate.core.session.SessionFixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.core.session.PoolExhaustedException;
import io.maskgate.core.session.Resolution;
import io.maskgate.core.session.Session;
import io.maskgate.core.session.SessionFixtures;
import io.maskgate.core.session.SessionId;
import io.maskgate.core.session.SessionStore.RewrapReport;
import io.maskgate.core.session.UnknownPoolException;
import io.maskgate.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class InMemorySessionStoreTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T10:00:00Z"));
    private final InMemorySessionStore store =
            new InMemorySessionStore(SessionFixtures.pools(20), SessionFixtures.testKeys(), clock);

    private static <T> T join(CompletableFuture<T> f) {
        return f.join();
    }

    private static Throwable failureOf(CompletableFuture<?> f) {
        return assertThrows(CompletionException.class, f::join).getCause();
    }

    @Test
    void createdSessionResolvesBothWaysAndNotForStrangers() {
        Session s = join(store.create(request(1, 2, Duration.ofMinutes(5))));
        Resolution.Routable fromA = assertInstanceOf(Resolution.Routable.class, join(store.resolve(s.proxyNumber(), person(1).number())));
        assertEquals(person(2), fromA.counterpart());
        assertEquals("p1", fromA.callerId());
        assertEquals(s.id(), fromA.sessionId());
        assertEquals(s.expiresAt(), fromA.expiresAt());
        Resolution.Routable fromB = assertInstanceOf(Resolution.Routable.class, join(store.resolve(s.proxyNumber(), person(2).number())));
        assertEquals(person(1), fromB.counterpart());
        assertEquals(new Resolution.NoSession(Resolution.Why.NOT_FOUND), join(store.resolve(s.proxyNumber(), person(3).number())));
        assertEquals(Optional.of(s), join(store.find(s.id())));
    }

    @Test
    void participantGetsADifferentNumberPerSessionUntilThePoolIsExhausted() {
        Set<Object> proxies = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            proxies.add(join(store.create(request(1, 100 + i, Duration.ofMinutes(5)))).proxyNumber());
        }
        assertEquals(20, proxies.size());
        PoolExhaustedException e = assertInstanceOf(PoolExhaustedException.class,
                failureOf(store.create(request(1, 999, Duration.ofMinutes(5)))));
        assertEquals("riders", e.pool());
        // Two other people can still share a number with person 1's sessions.
        join(store.create(request(2, 3, Duration.ofMinutes(5))));
    }

    @Test
    void unknownAndEmptyPools() {
        assertInstanceOf(UnknownPoolException.class, failureOf(store.create(request("nope", 1, 2, Duration.ofMinutes(1)))));
        assertInstanceOf(PoolExhaustedException.class, failureOf(store.create(request(EMPTY_POOL, 1, 2, Duration.ofMinutes(1)))));
    }

    @Test
    void expiryByClockFreesTheNumber() {
        Session s = join(store.create(request(TINY_POOL, 1, 2, Duration.ofSeconds(30))));
        assertInstanceOf(PoolExhaustedException.class, failureOf(store.create(request(TINY_POOL, 1, 3, Duration.ofSeconds(30)))));
        clock.advance(Duration.ofSeconds(30));
        assertEquals(new Resolution.NoSession(Resolution.Why.NOT_FOUND), join(store.resolve(s.proxyNumber(), person(1).number())));
        assertTrue(join(store.find(s.id())).orElseThrow().isClosed(), "kept for the closed retention, closed");
        Session again = join(store.create(request(TINY_POOL, 1, 3, Duration.ofSeconds(30))));
        assertEquals(s.proxyNumber(), again.proxyNumber());
        assertNotEquals(s.id(), again.id());
    }

    @Test
    void purgeDropsExpiredEntries() {
        join(store.create(request(1, 2, Duration.ofSeconds(10))));
        join(store.create(request(3, 4, Duration.ofSeconds(60))));
        assertEquals(6, store.size());
        clock.advance(Duration.ofSeconds(10));
        assertEquals(2, store.purgeExpired(), "the routing entries; the record stays for the closed retention");
        assertEquals(4, store.size());
    }

    @Test
    void deleteStopsResolvingAtOnce() {
        Session s = join(store.create(request(1, 2, Duration.ofMinutes(5))));
        assertTrue(join(store.delete(s.id())));
        assertEquals(new Resolution.NoSession(Resolution.Why.NOT_FOUND), join(store.resolve(s.proxyNumber(), person(1).number())));
        assertEquals(new Resolution.NoSession(Resolution.Why.NOT_FOUND), join(store.resolve(s.proxyNumber(), person(2).number())));
        assertEquals(Optional.empty(), join(store.find(s.id())));
        assertFalse(join(store.delete(s.id())));
        assertFalse(join(store.delete(new SessionId("not-one-of-ours"))));
        assertEquals(0, store.size());
    }

    @Test
    void rewrapLeavesCurrentEntriesAlone() {
        join(store.create(request(1, 2, Duration.ofMinutes(5))));
        assertEquals(new RewrapReport(3, 0, 3), join(store.rewrap()));
        assertTrue(join(store.ping()));
    }
}
