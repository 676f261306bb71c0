package io.maskgate.smpp.receipt;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.protocol.AsyncCommand;
import io.maskgate.keystore.EnvelopeCipher;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The sessions' receipt keys ({@code mg:{b}:rk:<session>}, see
 * {@link io.maskgate.core.privacy.PrivacyKeys#receiptKeyKey}), as the writing side needs them.
 *
 * <h2>Why a key per session</h2>
 * Erasure must make a session's message-id entries unmatched. Finding them needed an index that
 * cost two more Redis commands per relayed SMS ({@code SADD} to a per-session set and its
 * {@code PEXPIRE}). Sealing the entries under one random key per session instead lets erasure
 * delete that one key (crypto-shredding, DESIGN.md section 5), and an SMS costs one {@code SET}.
 *
 * <h2>Life of a key</h2>
 * <ul>
 *   <li>The first node to need one makes it: {@code SET rk <sealed key> NX PX 2*ttl} and
 *       {@code GET rk} in one dispatch. If another node was first, the {@code GET} answers that
 *       node's key, and both use it. ({@code SET .. NX GET} would do it in one command, but only
 *       from Redis 7.0; this works on the 6.x servers many managed offerings still run.)</li>
 *   <li>Every entry must die before the key, or its receipt would not open. An entry written at
 *       {@code t} lives until {@code t + ttl}. {@link #extensionFor} sends {@code PEXPIRE rk 2*ttl}
 *       with a write once per {@link #RECHECK_MILLIS} (or {@code ttl}, if shorter) per session and
 *       node, so the key outlives every entry written until the next extension. Redis counts the
 *       TTL from its own clock, so a later extension never shortens an earlier one as long as the
 *       nodes share {@code smpp.receipts.ttlHours}.</li>
 *   <li>An extension that fails, or finds no key (Redis lost its data, or erasure ran), makes
 *       this node forget the key, so the next write fetches or makes one again.</li>
 *   <li>Keys are cached here for writing only. A stale key (its session erased meanwhile) only
 *       seals entries that will never open, and after erasure the session no longer routes
 *       anyway. Reading ({@link RedisMessageIdStore#find}) always fetches the key from Redis, so
 *       a cached copy never outlives an erasure.</li>
 * </ul>
 * Thread-safe; the cache is bounded by dropping everything when full (a refill is one round trip
 * per session).
 */
final class SessionReceiptKeys {
    static final int KEY_BYTES = 32;

    private final EnvelopeCipher envelopes;
    private final SecureRandom random;
    private final LongSupplier clock;
    private final int maxCached;
    private final ConcurrentHashMap<String, CompletableFuture<Held>> cache = new ConcurrentHashMap<>();

    /**
     * How often a key in use is extended (and so checked to still exist). Short enough that a node
     * whose Redis lost its data stops sealing under a vanished key within a minute; long enough
     * that it is one command per session and minute against thousands of entries a second.
     */
    static final long RECHECK_MILLIS = 60_000;

    /** A key, and when this node next extends it in Redis (epoch ms; 0: with the next write). */
    static final class Held {
        final SecretKey key;
        volatile long extendAt;

        Held(SecretKey key, long extendAt) {
            this.key = key;
            this.extendAt = extendAt;
        }
    }

    /**
     * @param clock epoch milliseconds
     * @param maxCached sessions whose key this node keeps at most
     */
    SessionReceiptKeys(EnvelopeCipher envelopes, SecureRandom random, LongSupplier clock, int maxCached) {
        this.envelopes = Objects.requireNonNull(envelopes, "envelopes");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxCached < 1) {
            throw new IllegalArgumentException("maxCached must be positive, was " + maxCached);
        }
        this.maxCached = maxCached;
    }

    /**
     * The key stored under {@code keyName}, from the cache or else fetched or made in one round
     * trip. Fails with what the connection failed with.
     */
    CompletableFuture<Held> forWriting(StatefulConnection<String, byte[]> connection, String keyName, long ttlMillis) {
        CompletableFuture<Held> cached = cache.get(keyName);
        if (cached != null) {
            return cached; // a failed fetch removes itself, so this is pending or a key
        }
        if (cache.size() >= maxCached) {
            cache.clear();
        }
        CompletableFuture<Held> made = new CompletableFuture<>();
        CompletableFuture<Held> raced = cache.putIfAbsent(keyName, made);
        if (raced != null) {
            return raced;
        }
        CompletableFuture<Held> fetched;
        try {
            fetched = fetchOrMake(connection, keyName, ttlMillis);
        } catch (RuntimeException e) {
            // thrown rather than failed: still settle `made`, or it would stay cached, pending forever
            fetched = CompletableFuture.failedFuture(e);
        }
        fetched.whenComplete((held, error) -> {
            if (error != null) {
                cache.remove(keyName, made);
                made.completeExceptionally(error);
            } else {
                made.complete(held);
            }
        });
        return made;
    }

    private CompletableFuture<Held> fetchOrMake(StatefulConnection<String, byte[]> connection, String keyName,
            long ttlMillis) {
        byte[] fresh = new byte[KEY_BYTES];
        random.nextBytes(fresh);
        byte[] aad = keyName.getBytes(StandardCharsets.UTF_8);
        long keyTtl = 2 * ttlMillis;
        long now = clock.getAsLong();
        byte[] ours = envelopes.seal(fresh, aad);
        AsyncCommand<String, byte[], byte[]> stored = CommandBatch.get(keyName);
        return CommandBatch.send(connection, List.of(CommandBatch.setNxPx(keyName, ours, keyTtl), stored))
                .thenApply(done -> {
                    byte[] value = stored.getNow(null);
                    if (value == null) {
                        // deleted between the two commands (an erasure): nothing to seal under now
                        throw new IllegalStateException("receipt key deleted while it was being made");
                    }
                    return Arrays.equals(value, ours)
                            ? new Held(aesKey(fresh), now + recheck(ttlMillis))
                            // someone else's key: its remaining life is unknown, so the first write extends it
                            : new Held(open(value, keyName), 0);
                });
    }

    /**
     * The extension to send with an entry written now, or null when the key is known to outlive
     * it. Marks the key extended; {@link #extended} hears how it went.
     */
    AsyncCommand<String, byte[], Boolean> extensionFor(Held held, String keyName, long ttlMillis) {
        long now = clock.getAsLong();
        if (now < held.extendAt) {
            return null;
        }
        // The key now lives 2*ttl; entries written until the next extension die by then + ttl.
        held.extendAt = now + recheck(ttlMillis);
        return CommandBatch.pexpire(keyName, 2 * ttlMillis);
    }

    private static long recheck(long ttlMillis) {
        return Math.min(ttlMillis, RECHECK_MILLIS);
    }

    /**
     * After an extension was sent: a key Redis no longer has, or an extension whose write failed,
     * is forgotten, so the next write fetches (and extends) or makes the key again.
     */
    void extended(String keyName, boolean extended) {
        if (!extended) {
            cache.remove(keyName);
        }
    }

    /** Opens a receipt key as stored in Redis (a reader's copy is never cached). */
    SecretKey open(byte[] stored, String keyName) {
        return aesKey(envelopes.open(stored, keyName.getBytes(StandardCharsets.UTF_8)));
    }

    int cachedCount() {
        return cache.size();
    }

    private static SecretKey aesKey(byte[] raw) {
        if (raw.length != KEY_BYTES) {
            throw new IllegalArgumentException("a receipt key has " + KEY_BYTES + " bytes, not " + raw.length);
        }
        return new SecretKeySpec(raw, "AES");
    }
}
