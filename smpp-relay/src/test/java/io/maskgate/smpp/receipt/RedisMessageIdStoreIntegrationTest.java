package io.maskgate.smpp.receipt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
import io.maskgate.keystore.KeyRing;
import io.maskgate.testing.RedisServer;
import io.maskgate.testing.RedisServerExtension;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

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
    void tagsTheEntryWithItsSessionForErasureInTheSameRoundTrip(RedisServer redis) throws Exception {
        RedisAsyncCommands<String, byte[]> commands = connect(redis);
        RedisMessageIdStore store = store(commands, Duration.ofHours(72));
        io.maskgate.core.session.SessionId session =
                new io.maskgate.core.session.SessionId("0a1b2c3d-AAAAAAAAAAAAAAAAAAAAAA");

        store.put("airtel-1", "77aa", ROUTE, session).get();

        String index = io.maskgate.core.privacy.PrivacyKeys.messageIndexKey(session).orElseThrow();
        java.util.Set<String> members = new java.util.HashSet<>();
        commands.smembers(index).get().forEach(m -> members.add(new String(m, StandardCharsets.UTF_8)));
        assertEquals(java.util.Set.of(store.key("airtel-1", "77aa")), members);
        long ttl = commands.pttl(index).get();
        assertTrue(ttl > Duration.ofHours(71).toMillis() && ttl <= Duration.ofHours(72).toMillis(), "ttl " + ttl);
        assertEquals(ROUTE, store.find("airtel-1", "77aa").get().orElseThrow());
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
        byte[] stored = commands.get(key).get();
        for (String plain : new String[] {"919812345001", "9812345001", "00ff00ff00ff00ff", "app"}) {
            assertEquals(-1, io.maskgate.smpp.testing.Bytes.indexOf(stored, plain.getBytes(StandardCharsets.US_ASCII)),
                    "value is not sealed: " + plain);
        }
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
    void aFailedIndexCommandFailsTheWriteThoughItsSetWentThrough(RedisServer redis) throws Exception {
        RedisAsyncCommands<String, byte[]> commands = connect(redis);
        RedisMessageIdStore store = store(commands, Duration.ofHours(1));
        io.maskgate.core.session.SessionId session =
                new io.maskgate.core.session.SessionId("0a1b2c3d-BBBBBBBBBBBBBBBBBBBBBB");
        // The index key taken by a string: the batch's SADD answers WRONGTYPE, its SET and PEXPIRE succeed.
        commands.set(io.maskgate.core.privacy.PrivacyKeys.messageIndexKey(session).orElseThrow(),
                "x".getBytes(StandardCharsets.US_ASCII)).get();

        ExecutionException e = assertThrows(ExecutionException.class,
                () -> store.put("airtel-1", "88bb", ROUTE, session).get());

        assertInstanceOf(MessageIdStoreException.class, e.getCause());
        assertEquals(ROUTE, store.find("airtel-1", "88bb").get().orElseThrow());
    }

    @Test
    void concurrentWritesEachCompleteWithTheirOwnEntry(RedisServer redis) throws Exception {
        RedisAsyncCommands<String, byte[]> commands = connect(redis);
        RedisMessageIdStore store = store(commands, Duration.ofHours(1));
        io.maskgate.core.session.SessionId session =
                new io.maskgate.core.session.SessionId("0a1b2c3d-CCCCCCCCCCCCCCCCCCCCCC");
        java.util.List<java.util.concurrent.CompletableFuture<Void>> writes = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            writes.add(store.put("airtel-1", "id-" + i, ROUTE, session));
        }

        java.util.concurrent.CompletableFuture.allOf(writes.toArray(java.util.concurrent.CompletableFuture[]::new))
                .get();

        String index = io.maskgate.core.privacy.PrivacyKeys.messageIndexKey(session).orElseThrow();
        assertEquals(200L, commands.scard(index).get());
        assertEquals(ROUTE, store.find("airtel-1", "id-199").get().orElseThrow());
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

    /** A store on {@code commands} with entries kept for {@code ttl} and a 1 s command timeout. */
    private static RedisMessageIdStore store(RedisAsyncCommands<String, byte[]> commands, Duration ttl) {
        return new RedisMessageIdStore(() -> Optional.of(commands), KeyRing.forTesting(new SecureRandom()), ttl,
                Duration.ofSeconds(1));
    }

}
