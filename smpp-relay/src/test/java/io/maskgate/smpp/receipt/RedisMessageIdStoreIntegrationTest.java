package io.maskgate.smpp.receipt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.maskgate.core.privacy.PrivacyKeys;
import io.maskgate.core.session.SessionId;
import io.maskgate.core.session.redis.RedisSessionStore;
import io.maskgate.core.session.redis.RedisStoreOptions;
import io.maskgate.keystore.KeyFiles;
import io.maskgate.keystore.KeyRing;
import io.maskgate.keystore.PasswordSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.maskgate.testing.RedisServer;
import io.maskgate.testing.RedisServerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The sealed message-id map against a real redis-server. */
@ExtendWith(RedisServerExtension.class)
class RedisMessageIdStoreIntegrationTest {
    private static final ReceiptRoute ROUTE = InMemoryMessageIdStoreTest.ROUTE;

    private RedisClient client;
    private StatefulRedisConnection<String, byte[]> connection;

    private RedisAsyncCommands<String, byte[]> connect(RedisServer redis) {
        client = RedisClient.create(redis.uri());
        // Fail closed as the gateway's connector does: commands rejected at once while down.
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofMillis(250))).build());
        connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        connection.sync().configResetstat(); // the server is shared by the class: count this test's commands only
        return connection.async();
    }

    @AfterEach
    void close() {
        if (connection != null) {
            connection.close();
        }
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Test
    void sealsASessionsEntriesUnderItsReceiptKeyWithOneSetEach(RedisServer redis) throws Exception {
        RedisAsyncCommands<String, byte[]> commands = connect(redis);
        RedisMessageIdStore store = store(commands, Duration.ofHours(72));
        SessionId session = new SessionId("0a1b2c3d-AAAAAAAAAAAAAAAAAAAAAA");

        store.put("airtel-1", "77aa", ROUTE, session).get();
        long setsBefore = calls(commands, "set");
        store.put("airtel-1", "77ab", ROUTE, session).get();
        store.put("airtel-1", "77ac", ROUTE, session).get();

        assertEquals(2, calls(commands, "set") - setsBefore, "one SET per further message, nothing else");
        assertEquals(0, calls(commands, "sadd"));
        String receiptKey = PrivacyKeys.receiptKeyKey(session).orElseThrow();
        long ttl = commands.pttl(receiptKey).get();
        assertTrue(ttl > Duration.ofHours(143).toMillis() && ttl <= Duration.ofHours(144).toMillis(),
                "the receipt key outlives its entries: ttl " + ttl);
        assertEquals(ROUTE, store.find("airtel-1", "77aa").get().orElseThrow());
        assertEquals(ROUTE, store.find("airtel-1", "77ac").get().orElseThrow());
        assertNoneIn(commands.get(store.key("airtel-1", "77aa")).get(), "919812345001", "9812345001",
                "00ff00ff00ff00ff", "app", session.value());
    }

    @Test
    void deletingTheReceiptKeyShredsEveryEntryOfTheSession(RedisServer redis) throws Exception {
        RedisAsyncCommands<String, byte[]> commands = connect(redis);
        RedisMessageIdStore store = store(commands, Duration.ofHours(1));
        SessionId erased = new SessionId("0a1b2c3d-DDDDDDDDDDDDDDDDDDDDDD");
        SessionId kept = new SessionId("0a1b2c3d-EEEEEEEEEEEEEEEEEEEEEE");
        store.put("airtel-1", "e1", ROUTE, erased).get();
        store.put("airtel-1", "e2", ROUTE, erased).get();
        store.put("airtel-1", "k1", ROUTE, kept).get();

        commands.del(PrivacyKeys.receiptKeyKey(erased).orElseThrow()).get(); // what erasure does

        assertTrue(store.find("airtel-1", "e1").get().isEmpty());
        assertTrue(store.find("airtel-1", "e2").get().isEmpty());
        assertEquals(1L, commands.exists(store.key("airtel-1", "e1")).get(), "still there, unreadable until its TTL");
        assertEquals(ROUTE, store.find("airtel-1", "k1").get().orElseThrow());
    }

    @Test
    void nodesShareTheReceiptKeyOfTheNodeThatMadeItFirst(RedisServer redis) throws Exception {
        RedisAsyncCommands<String, byte[]> commands = connect(redis);
        KeyRing keys = KeyRing.forTesting(new SecureRandom());
        RedisMessageIdStore nodeA = new RedisMessageIdStore(() -> Optional.of(commands), keys, Duration.ofHours(1),
                Duration.ofSeconds(1));
        RedisMessageIdStore nodeB = new RedisMessageIdStore(() -> Optional.of(commands), keys, Duration.ofHours(1),
                Duration.ofSeconds(1));
        SessionId session = new SessionId("0a1b2c3d-FFFFFFFFFFFFFFFFFFFFFF");
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            writes.add(nodeA.put("airtel-1", "a" + i, ROUTE, session));
            writes.add(nodeB.put("airtel-2", "b" + i, ROUTE, session));
        }

        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get();

        // each node asked for the key once (SET NX, then GET), whatever the interleaving
        assertEquals(100 + 2, calls(commands, "set"));
        assertEquals(2, calls(commands, "get"));
        assertEquals(ROUTE, nodeB.find("airtel-1", "a49").get().orElseThrow(), "B reads what A sealed");
        assertEquals(ROUTE, nodeA.find("airtel-2", "b0").get().orElseThrow(), "A reads what B sealed");
    }

    @Test
    void aNodeWhoseReceiptKeyVanishedMakesANewOneAtTheNextCheck(RedisServer redis) throws Exception {
        RedisAsyncCommands<String, byte[]> commands = connect(redis);
        KeyRing keys = KeyRing.forTesting(new SecureRandom());
        AtomicLong now = new AtomicLong(1_000_000);
        SessionReceiptKeys receiptKeys = new SessionReceiptKeys(keys.envelopes(), new SecureRandom(), now::get, 10);
        String name = PrivacyKeys.receiptKeyKey(new SessionId("0a1b2c3d-GGGGGGGGGGGGGGGGGGGGGG")).orElseThrow();
        long ttl = Duration.ofHours(1).toMillis();
        SessionReceiptKeys.Held first = receiptKeys.forWriting(commands.getStatefulConnection(), name, ttl).get();
        assertNull(receiptKeys.extensionFor(first, name, ttl), "a key just made needs no extension");

        commands.flushall().get(); // Redis lost its data
        now.addAndGet(SessionReceiptKeys.RECHECK_MILLIS);
        var extension = receiptKeys.extensionFor(first, name, ttl);
        commands.getStatefulConnection().dispatch(extension);
        receiptKeys.extended(name, extension.get());
        SessionReceiptKeys.Held second = receiptKeys.forWriting(commands.getStatefulConnection(), name, ttl).get();

        assertFalse(java.util.Arrays.equals(first.key.getEncoded(), second.key.getEncoded()));
        assertEquals(1L, commands.exists(name).get());
        assertEquals(1, receiptKeys.cachedCount());
    }

    @Test
    void storesSealedUnderAKeyWithoutTheIdAndWithTheTtl(RedisServer redis) throws Exception {
        RedisAsyncCommands<String, byte[]> commands = connect(redis);
        RedisMessageIdStore store = store(commands, Duration.ofHours(72));

        store.put("airtel-1", "3a9f00c1", ROUTE).get();

        assertEquals(ROUTE, store.find("airtel-1", "3a9f00c1").get().orElseThrow());
        assertTrue(store.find("jio-1", "3a9f00c1").get().isEmpty());
        String key = store.key("airtel-1", "3a9f00c1");
        assertTrue(key.matches("mg:\\{[0-9a-f]{8}\\}:m:[0-9a-f]{32}"), key);
        assertFalse(key.contains("3a9f00c1") || key.contains("airtel"));
        long ttl = commands.pttl(key).get();
        assertTrue(ttl > Duration.ofHours(71).toMillis() && ttl <= Duration.ofHours(72).toMillis(), "ttl " + ttl);
        assertNoneIn(commands.get(key).get(), "919812345001", "9812345001", "00ff00ff00ff00ff", "app");
    }

    @Test
    void aValueCopiedUnderAnotherKeyDoesNotOpen(RedisServer redis) throws Exception {
        RedisAsyncCommands<String, byte[]> commands = connect(redis);
        RedisMessageIdStore store = store(commands, Duration.ofHours(1));
        store.put("s", "a", ROUTE).get();
        byte[] sealed = commands.get(store.key("s", "a")).get();
        commands.set(store.key("s", "b"), sealed).get();

        assertTrue(store.find("s", "b").get().isEmpty());
        assertArrayEquals(sealed, commands.get(store.key("s", "a")).get());
    }

    @Test
    void aDataKeyRotationAndItsRewrapKeepTheSessionsEntriesReadable(RedisServer redis, @TempDir Path dir)
            throws Exception {
        RedisAsyncCommands<String, byte[]> commands = connect(redis);
        Path file = dir.resolve("keys.bcfks");
        PasswordSource password = PasswordSource.of("correct horse battery".toCharArray());
        KeyFiles.create(file, password);
        KeyRing first = KeyRing.load(file, password);
        SessionId session = new SessionId("0a1b2c3d-HHHHHHHHHHHHHHHHHHHHHH");
        RedisMessageIdStore before = new RedisMessageIdStore(() -> Optional.of(commands), first, Duration.ofHours(1),
                Duration.ofSeconds(1));
        for (int i = 0; i < 3; i++) {
            before.put("airtel-1", "r" + i, ROUTE, session).get();
        }

        KeyFiles.rotateDataKey(file, password);
        KeyRing second = KeyRing.load(file, password);
        try (RedisSessionStore sessions = RedisSessionStore.create(RedisStoreOptions.builder().uri(redis.uri()).build(),
                io.maskgate.smpp.testing.RelayFixture.pools(), second, Clock.systemUTC(), new SimpleMeterRegistry())) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> sessions.ping().join());
            assertEquals(4, sessions.rewrap().get().rewrapped(), "three entries and the session's receipt key");
        }

        RedisMessageIdStore after = new RedisMessageIdStore(() -> Optional.of(commands), second, Duration.ofHours(1),
                Duration.ofSeconds(1));
        assertEquals(ROUTE, after.find("airtel-1", "r2").get().orElseThrow());
        assertEquals(second.currentDataKeyId(),
                second.envelopes().keyIdOf(commands.get(PrivacyKeys.receiptKeyKey(session).orElseThrow()).get()));
    }

    @Test
    void anUnreadableReceiptKeyFailsTheWriteAndWritesNoEntry(RedisServer redis) throws Exception {
        RedisAsyncCommands<String, byte[]> commands = connect(redis);
        RedisMessageIdStore store = store(commands, Duration.ofHours(1));
        SessionId session = new SessionId("0a1b2c3d-BBBBBBBBBBBBBBBBBBBBBB");
        commands.set(PrivacyKeys.receiptKeyKey(session).orElseThrow(), "x".getBytes(StandardCharsets.US_ASCII)).get();

        ExecutionException e = assertThrows(ExecutionException.class,
                () -> store.put("airtel-1", "88bb", ROUTE, session).get());

        assertInstanceOf(MessageIdStoreException.class, e.getCause());
        assertEquals(0L, commands.exists(store.key("airtel-1", "88bb")).get());
    }

    @Test
    void concurrentWritesEachCompleteWithTheirOwnEntry(RedisServer redis) throws Exception {
        RedisAsyncCommands<String, byte[]> commands = connect(redis);
        RedisMessageIdStore store = store(commands, Duration.ofHours(1));
        SessionId session = new SessionId("0a1b2c3d-CCCCCCCCCCCCCCCCCCCCCC");
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            writes.add(store.put("airtel-1", "id-" + i, ROUTE, session));
        }

        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get();

        assertEquals(ROUTE, store.find("airtel-1", "id-0").get().orElseThrow());
        assertEquals(ROUTE, store.find("airtel-1", "id-199").get().orElseThrow());
        assertEquals(200 + 1, calls(commands, "set"), "200 entries and one receipt key");
    }

    @Test
    void failsWithAStoreExceptionWhenRedisIsDownOrNotConnected(RedisServer redis) {
        RedisAsyncCommands<String, byte[]> commands = connect(redis);
        KeyRing keys = KeyRing.forTesting(new SecureRandom());
        RedisMessageIdStore notConnected = new RedisMessageIdStore(Optional::empty, keys, Duration.ofHours(1),
                Duration.ofSeconds(1));
        ExecutionException e = assertThrows(ExecutionException.class, () -> notConnected.find("s", "a").get());
        assertInstanceOf(MessageIdStoreException.class, e.getCause());

        redis.stop();
        RedisMessageIdStore store = new RedisMessageIdStore(() -> Optional.of(commands), keys, Duration.ofHours(1),
                Duration.ofSeconds(1));
        ExecutionException down = assertThrows(ExecutionException.class, () -> store.put("s", "a", ROUTE).get());
        assertInstanceOf(MessageIdStoreException.class, down.getCause());
    }

    /** The stored value is sealed: none of the route's fields appears in it as ASCII. */
    private static void assertNoneIn(byte[] stored, String... plain) {
        for (String p : plain) {
            assertEquals(-1, io.maskgate.smpp.testing.Bytes.indexOf(stored, p.getBytes(StandardCharsets.US_ASCII)),
                    "value is not sealed: " + p);
        }
    }

    /** How many times Redis ran {@code command} since it started ({@code INFO commandstats}). */
    private static long calls(RedisAsyncCommands<String, byte[]> commands, String command) throws Exception {
        for (String line : commands.info("commandstats").get().split("\r?\n")) {
            if (line.startsWith("cmdstat_" + command + ":calls=")) {
                return Long.parseLong(line.substring(line.indexOf('=') + 1, line.indexOf(',')));
            }
        }
        return 0;
    }

    /** A store on {@code commands} with entries kept for {@code ttl} and a 1 s command timeout. */
    private static RedisMessageIdStore store(RedisAsyncCommands<String, byte[]> commands, Duration ttl) {
        return new RedisMessageIdStore(() -> Optional.of(commands), KeyRing.forTesting(new SecureRandom()), ttl,
                Duration.ofSeconds(1));
    }

}
