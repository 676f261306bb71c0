package io.maskgate.smpp.receipt;

import io.maskgate.core.concurrent.Timeouts;
import io.maskgate.core.privacy.PrivacyKeys;
import io.maskgate.core.session.SessionId;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.protocol.AsyncCommand;
import io.maskgate.keystore.KeyRing;
import io.maskgate.keystore.KeystoreException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message-id map in Redis, sealed like the session map.
 *
 * <h2>Key and value</h2>
 * <pre>
 *   t   = token(smscName + "|" + upstreamMessageId, 16 bytes)   blind index: HMAC-SHA256, 32 hex chars
 *   key = mg:{&lt;first 8 hex of t&gt;}:m:&lt;t&gt;
 *   val = envelope(ReceiptRoute, associated data = key as UTF-8)   AES-GCM under the current data key
 * </pre>
 * Neither the upstream id nor the SMSC name appears in the key, and a value copied under another
 * key does not open. The {@code {..}} hash tag is taken from the token rather than a constant
 * {@code {m}} so that the map spreads over Redis Cluster slots instead of loading one. Keys start
 * with {@code mg:} and use the key-as-AAD convention, so the session store's re-wrap pass rotates
 * them too. TTL is Redis's ({@code SET .. PX}).
 *
 * <p>The connection is borrowed: {@code commands} yields the shared fail-closed connection's async
 * API (empty while not yet connected), as for the interaction-event publisher.
 */
public final class RedisMessageIdStore implements MessageIdStore {
    /** Bytes of the index MAC in a key (128 bits). */
    static final int TOKEN_BYTES = 16;
    /** Sessions whose receipt key one node keeps for writing: ~250 B each, so ~25 MB when full. */
    static final int MAX_CACHED_RECEIPT_KEYS = 100_000;
    private static final Logger log = LoggerFactory.getLogger(RedisMessageIdStore.class);

    private final Supplier<Optional<RedisAsyncCommands<String, byte[]>>> commands;
    private final KeyRing keys;
    private final Duration ttl;
    private final Duration timeout;
    private final SessionReceiptKeys receiptKeys;

    /**
     * @param ttl how long a mapping lives (receipts later than that are not matched)
     * @param timeout backstop on each command, above the connection's own command timeout
     */
    public RedisMessageIdStore(Supplier<Optional<RedisAsyncCommands<String, byte[]>>> commands, KeyRing keys,
            Duration ttl, Duration timeout) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.receiptKeys = new SessionReceiptKeys(keys.envelopes(), new SecureRandom(), System::currentTimeMillis,
                MAX_CACHED_RECEIPT_KEYS);
    }

    /** The Redis key of an upstream message id (visible for tests: it must not contain the id). */
    String key(String smscName, String upstreamMessageId) {
        String token = keys.blindIndex().token(smscName + "|" + upstreamMessageId, TOKEN_BYTES);
        return "mg:{" + token.substring(0, 8) + "}:m:" + token;
    }

    @Override
    public CompletableFuture<Void> put(String smscName, String upstreamMessageId, ReceiptRoute route) {
        String key = key(smscName, upstreamMessageId);
        byte[] sealed = seal(key, route);
        return call("put", redis -> CommandBatch.send(redis.getStatefulConnection(),
                List.of(CommandBatch.setPx(key, sealed, ttl.toMillis()))));
    }

    /**
     * Seals the route under the session's receipt key (fetched or made on the session's first
     * message through this node, in one extra round trip) and writes the entry with one
     * {@code SET}, plus, about once a minute per session, the receipt key's extension in the same
     * dispatch ({@link CommandBatch}). The receipt key lives in the session's slot, the entry in
     * its own. A failed write makes this node forget the key, so the next one checks it again.
     */
    @Override
    public CompletableFuture<Void> put(String smscName, String upstreamMessageId, ReceiptRoute route, SessionId session) {
        Optional<String> receiptKey = PrivacyKeys.receiptKeyKey(session);
        if (receiptKey.isEmpty()) {
            return put(smscName, upstreamMessageId, route);
        }
        String key = key(smscName, upstreamMessageId);
        long ttlMillis = ttl.toMillis();
        return call("put", redis -> {
            StatefulConnection<String, byte[]> connection = redis.getStatefulConnection();
            return receiptKeys.forWriting(connection, receiptKey.get(), ttlMillis).thenCompose(held -> {
                byte[] aad = key.getBytes(StandardCharsets.UTF_8);
                byte[] sealedRoute = keys.envelopes().sealUnder(held.key, ReceiptRouteCodec.encode(route), aad);
                byte[] sealed = keys.envelopes().seal(
                        ReceiptRouteCodec.encodeUnderSessionKey(session.value(), sealedRoute), aad);
                AsyncCommand<String, byte[], Boolean> extension =
                        receiptKeys.extensionFor(held, receiptKey.get(), ttlMillis);
                AsyncCommand<String, byte[], String> set = CommandBatch.setPx(key, sealed, ttlMillis);
                if (extension == null) {
                    return CommandBatch.send(connection, List.of(set));
                }
                CompletableFuture<Void> sent = CommandBatch.send(connection, List.of(extension, set));
                sent.whenComplete((ok, error) -> receiptKeys.extended(receiptKey.get(),
                        error == null && Boolean.TRUE.equals(extension.getNow(false))));
                return sent;
            });
        });
    }

    private byte[] seal(String key, ReceiptRoute route) {
        return keys.envelopes().seal(ReceiptRouteCodec.encode(route), key.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public CompletableFuture<Optional<ReceiptRoute>> find(String smscName, String upstreamMessageId) {
        String key = key(smscName, upstreamMessageId);
        return call("find", redis -> redis.get(key).toCompletableFuture().thenCompose(value -> {
            Optional<ReceiptRouteCodec.Stored> stored = open(key, value);
            if (stored.isEmpty()) {
                return CompletableFuture.completedFuture(Optional.<ReceiptRoute>empty());
            }
            if (stored.get() instanceof ReceiptRouteCodec.Plain plain) {
                return CompletableFuture.completedFuture(Optional.of(plain.route()));
            }
            ReceiptRouteCodec.UnderSessionKey underKey = (ReceiptRouteCodec.UnderSessionKey) stored.get();
            Optional<String> receiptKey = receiptKeyOf(underKey.sessionId());
            if (receiptKey.isEmpty()) {
                log.warn("Unreadable message-id entry: not a session id");
                return CompletableFuture.completedFuture(Optional.<ReceiptRoute>empty());
            }
            return redis.get(receiptKey.get()).toCompletableFuture()
                    .thenApply(sessionKey -> openRoute(key, underKey, receiptKey.get(), sessionKey));
        }));
    }

    private static Optional<String> receiptKeyOf(String sessionId) {
        try {
            return PrivacyKeys.receiptKeyKey(new SessionId(sessionId));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Optional<ReceiptRouteCodec.Stored> open(String key, byte[] value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            byte[] plaintext = keys.envelopes().open(value, key.getBytes(StandardCharsets.UTF_8));
            return Optional.of(ReceiptRouteCodec.decodeStored(plaintext));
        } catch (KeystoreException | IllegalArgumentException e) {
            // Tampered, copied under another key, or sealed under a key no longer loaded.
            log.warn("Unreadable message-id entry: {}", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /** Empty when the session's receipt key is gone: erased (shredded) or expired with the session. */
    private Optional<ReceiptRoute> openRoute(String key, ReceiptRouteCodec.UnderSessionKey entry, String receiptKey,
            byte[] storedKey) {
        if (storedKey == null) {
            log.debug("Message-id entry of an erased or expired session: receipt not matched");
            return Optional.empty();
        }
        try {
            byte[] route = keys.envelopes().openUnder(receiptKeys.open(storedKey, receiptKey), entry.sealedRoute(),
                    key.getBytes(StandardCharsets.UTF_8));
            return Optional.of(ReceiptRouteCodec.decode(route));
        } catch (KeystoreException | IllegalArgumentException e) {
            log.warn("Unreadable message-id entry under its session key: {}", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private <T> CompletableFuture<T> call(String operation,
            java.util.function.Function<RedisAsyncCommands<String, byte[]>, CompletableFuture<T>> command) {
        Optional<RedisAsyncCommands<String, byte[]>> redis = commands.get();
        if (redis.isEmpty()) {
            return CompletableFuture.failedFuture(MessageIdStoreException.create(operation, null));
        }
        CompletableFuture<T> result;
        try {
            result = Timeouts.orTimeout(command.apply(redis.get()), timeout.toMillis());
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.handle((value, error) -> {
            if (error != null) {
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                throw MessageIdStoreException.create(operation, cause);
            }
            return value;
        });
    }
}
