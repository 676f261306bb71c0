package io.maskgate.core.session.redis;

import static io.maskgate.core.session.SessionFixtures.person;
import static io.maskgate.core.session.SessionFixtures.request;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.maskgate.core.metrics.MetricNames;
import io.maskgate.core.number.PhoneNumber;
import io.maskgate.core.session.Resolution;
import io.maskgate.core.session.Session;
import io.maskgate.core.session.SessionFixtures;
import io.maskgate.core.session.SessionId;
import io.maskgate.core.session.StoreUnavailableException;
import io.maskgate.core.session.codec.RedisKeys;
import io.maskgate.keystore.KeyFiles;
import io.maskgate.keystore.KeyRing;
import io.maskgate.keystore.PasswordSource;
import io.maskgate.testing.MutableClock;
import io.maskgate.testing.RedisServer;
import io.maskgate.testing.RedisServerExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(RedisServerExtension.class)
class RedisSessionStoreIntegrationTest {

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private RedisServer redis;
    private RedisCommands<byte[], byte[]> raw;

    @BeforeEach
    void connectRaw(RedisServer server) {
        this.redis = server;
        RedisClient client = RedisClient.create(server.uri());
        StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
        closeables.add(client::shutdown);
        closeables.add(connection);
        raw = connection.sync();
        raw.flushall();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    /**
     * A 1 s command timeout instead of the 250 ms default: these tests are about what the store
     * does, not how fast, and a loaded CI box can stall a healthy command past 250 ms. The outage
     * test still asserts an answer well within 2 s (commands are rejected while disconnected).
     */
    private static final Duration TEST_COMMAND_TIMEOUT = Duration.ofSeconds(1);

    private RedisSessionStore store(KeyRing keys, Clock clock) {
        RedisSessionStore store = RedisSessionStore.create(
                RedisStoreOptions.builder().uri(redis.uri()).commandTimeout(TEST_COMMAND_TIMEOUT).build(),
                SessionFixtures.pools(200), keys, clock, registry);
        closeables.add(0, store);
        await().atMost(Duration.ofSeconds(10)).until(() -> store.ping().join());
        return store;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** +919876500001, 919876500001, 9876500001, 09876500001. */
    private static List<byte[]> forms(PhoneNumber n) {
        String national = n.digits().substring(2);
        return List.of(bytes(n.e164()), bytes(n.digits()), bytes(national), bytes("0" + national));
    }

    @Test
    void redisHoldsNoRealNumberInAnyKeyOrValue() {
        RedisSessionStore store = store(SessionFixtures.testKeys(), Clock.systemUTC());
        List<byte[]> forbidden = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Session s = store.create(request(i, 100 + i, Duration.ofMinutes(10))).join();
            forbidden.addAll(forms(s.a().number()));
            forbidden.addAll(forms(s.b().number()));
            forbidden.addAll(forms(s.proxyNumber()));
        }
        List<byte[]> keys = raw.keys("*");
        assertEquals(300, keys.size());
        for (byte[] key : keys) {
            byte[] value = raw.get(key);
            byte[] dump = raw.dump(key);
            for (byte[] form : forbidden) {
                assertFalse(contains(key, form), "a key holds a number");
                assertFalse(contains(value, form), "a value holds a number");
                assertFalse(contains(dump, form), "a DUMP holds a number");
            }
        }
    }

    @Test
    void valueCopiedUnderAnotherKeyIsUnreadable() {
        KeyRing keys = SessionFixtures.testKeys();
        RedisSessionStore store = store(keys, Clock.systemUTC());
        RedisKeys names = new RedisKeys(keys.blindIndex());
        Session s = store.create(request(1, 2, Duration.ofMinutes(10))).join();

        String real = names.routingKey(s.proxyNumber(), person(1).number());
        String forged = names.routingKey(s.proxyNumber(), person(3).number());
        assertTrue(raw.copy(bytes(real), bytes(forged)));
        assertEquals(new Resolution.NoSession(Resolution.Why.UNREADABLE), store.resolve(s.proxyNumber(), person(3).number()).join());
        assertEquals(1.0, registry.get(MetricNames.STORE_UNREADABLE_ENTRIES).tag(MetricNames.TAG_KIND, "routing").counter().count());

        SessionId otherId = new SessionId(s.id().value().substring(0, 9) + "B".repeat(22));
        raw.rename(bytes(names.sessionKey(s.id()).orElseThrow()), bytes(names.sessionKey(otherId).orElseThrow()));
        assertEquals(Optional.empty(), store.find(otherId).join());
        assertEquals(1.0, registry.get(MetricNames.STORE_UNREADABLE_ENTRIES).tag(MetricNames.TAG_KIND, "session").counter().count());
        assertEquals(1L, registry.get(MetricNames.STORE_COMMAND)
                .tags(MetricNames.TAG_OP, "resolve", MetricNames.TAG_OUTCOME, "unreadable").timer().count());
    }

    @Test
    void redisTtlEndsASession() {
        RedisSessionStore store = store(SessionFixtures.testKeys(), Clock.systemUTC());
        Session s = store.create(request(1, 2, Duration.ofSeconds(1))).join();
        assertInstanceOf(Resolution.Routable.class, store.resolve(s.proxyNumber(), person(1).number()).join());
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() ->
                store.resolve(s.proxyNumber(), person(1).number()).join()
                        .equals(new Resolution.NoSession(Resolution.Why.NOT_FOUND)));
        // The other routing key goes by Redis's own expiry cycle, not by our reads; the record stays
        // for the closed retention, so that the API can still say "closed, expired".
        await().atMost(Duration.ofSeconds(5)).until(() -> raw.dbsize() == 1L);
        assertEquals(io.maskgate.core.session.CloseReason.EXPIRED,
                store.find(s.id()).join().orElseThrow().closure().orElseThrow().reason());
        long recordTtl = raw.pttl(raw.keys("*").get(0));
        assertTrue(recordTtl > Duration.ofDays(6).toMillis(), "record kept for the closed retention");
    }

    @Test
    void expiresAtInTheEnvelopeIsCheckedWhileRedisStillHoldsTheKey() {
        MutableClock clock = MutableClock.atSystemTime();
        RedisSessionStore store = store(SessionFixtures.testKeys(), clock);
        Session s = store.create(request(1, 2, Duration.ofSeconds(60))).join();
        clock.advance(Duration.ofSeconds(61));
        assertEquals(new Resolution.NoSession(Resolution.Why.EXPIRED), store.resolve(s.proxyNumber(), person(2).number()).join());
        assertTrue(store.find(s.id()).join().orElseThrow().isClosed());
        assertEquals(3L, raw.dbsize());
    }

    @Test
    void deleteStopsResolvingAtOnce() {
        RedisSessionStore store = store(SessionFixtures.testKeys(), Clock.systemUTC());
        Session s = store.create(request(1, 2, Duration.ofMinutes(10))).join();
        Session other = store.create(request(3, 4, Duration.ofMinutes(10))).join();
        assertEquals(Optional.of(s), store.find(s.id()).join());
        assertTrue(store.delete(s.id()).join());
        assertEquals(new Resolution.NoSession(Resolution.Why.NOT_FOUND), store.resolve(s.proxyNumber(), person(1).number()).join());
        assertEquals(new Resolution.NoSession(Resolution.Why.NOT_FOUND), store.resolve(s.proxyNumber(), person(2).number()).join());
        assertEquals(Optional.empty(), store.find(s.id()).join());
        assertFalse(store.delete(s.id()).join());
        assertEquals(3L, raw.dbsize());
        assertInstanceOf(Resolution.Routable.class, store.resolve(other.proxyNumber(), person(3).number()).join());
    }

    @Test
    void rotatedKeysStillReadAndRewrapMovesEntriesToTheNewKey(@TempDir Path dir) {
        Path file = dir.resolve("keys.bcfks");
        PasswordSource password = PasswordSource.of("correct horse battery".toCharArray());
        KeyFiles.create(file, password);
        KeyRing first = KeyRing.load(file, password);
        RedisSessionStore before = store(first, Clock.systemUTC());
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sessions.add(before.create(request(i, 50 + i, Duration.ofMinutes(10))).join());
        }
        before.close();

        int newKeyId = KeyFiles.rotateDataKey(file, password);
        KeyRing second = KeyRing.load(file, password);
        assertEquals(newKeyId, second.currentDataKeyId());
        RedisSessionStore after = store(second, Clock.systemUTC());
        assertAllResolve(after, sessions);
        assertEquals(List.of(first.currentDataKeyId()), keyIdsInRedis(second));

        var report = after.rewrap().join();
        assertEquals(30, report.scanned());
        assertEquals(30, report.rewrapped());
        assertEquals(List.of(newKeyId), keyIdsInRedis(second));
        assertAllResolve(after, sessions);
        assertEquals(Optional.of(sessions.get(0)), after.find(sessions.get(0).id()).join());
        assertEquals(0, after.rewrap().join().rewrapped());
        assertTrue(raw.pttl(raw.keys("*").get(0)) > 0, "re-wrap keeps the TTL");
    }

    private List<Integer> keyIdsInRedis(KeyRing ring) {
        return raw.keys("*").stream().map(k -> ring.envelopes().keyIdOf(raw.get(k))).distinct().toList();
    }

    private static void assertAllResolve(RedisSessionStore store, List<Session> sessions) {
        for (Session s : sessions) {
            Resolution r = store.resolve(s.proxyNumber(), s.a().number()).join();
            assertEquals(s.b(), assertInstanceOf(Resolution.Routable.class, r).counterpart());
        }
    }

    @Test
    void failsFastWhileRedisIsDownAndRecoversWithoutANewStore() {
        RedisSessionStore store = store(SessionFixtures.testKeys(), Clock.systemUTC());
        Session s = store.create(request(1, 2, Duration.ofMinutes(10))).join();
        redis.stop();

        long start = System.nanoTime();
        Resolution r = store.resolve(s.proxyNumber(), person(1).number()).join();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertInstanceOf(Resolution.Unavailable.class, r);
        assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, "resolve took " + took);
        CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                () -> store.create(request(3, 4, Duration.ofMinutes(1))).join());
        assertInstanceOf(StoreUnavailableException.class, e.getCause());
        assertFalse(store.ping().join());

        redis.start();
        await().atMost(Duration.ofSeconds(15)).until(() -> store.ping().join());
        Session again = store.create(request(1, 2, Duration.ofMinutes(10))).join();
        assertInstanceOf(Resolution.Routable.class, store.resolve(again.proxyNumber(), person(1).number()).join());
    }

    @Test
    void startsWhileRedisIsDownAndConnectsWhenItComesUp() {
        redis.stop();
        RedisSessionStore store = RedisSessionStore.create(RedisStoreOptions.builder().uri(redis.uri()).build(),
                SessionFixtures.pools(10), SessionFixtures.testKeys(), Clock.systemUTC(), registry);
        closeables.add(0, store);
        assertFalse(store.ping().join());
        assertInstanceOf(Resolution.Unavailable.class,
                store.resolve(PhoneNumber.ofE164("+918000000001"), person(1).number()).join());

        redis.start();
        await().atMost(Duration.ofSeconds(15)).until(() -> store.ping().join());
        Session s = store.create(request(1, 2, Duration.ofMinutes(1))).join();
        assertInstanceOf(Resolution.Routable.class, store.resolve(s.proxyNumber(), person(2).number()).join());
    }
}
