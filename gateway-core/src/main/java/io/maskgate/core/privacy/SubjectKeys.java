package io.maskgate.core.privacy;

import io.lettuce.core.ScriptOutputType;
import io.maskgate.keystore.EnvelopeCipher;
import io.maskgate.keystore.KeyRing;
import io.maskgate.keystore.KeystoreException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-subject data keys for the decision log's party id fields, one per (subject, purpose, key
 * epoch), in the hash {@code mgp:sk:<subject token>} (field {@code purpose|epoch}), each key wrapped
 * (AES-GCM envelope) under the key ring's current data key with the Redis key and field as
 * associated data. Deleting the field crypto-shreds every log field sealed under it.
 *
 * <ul>
 *   <li><b>Writing</b> ({@link #keyForSealing}) uses a small in-process cache: the writer thread
 *       must not ask Redis per record. An entry lives at most {@link #CACHE_TTL}, so after an
 *       erasure on another node this node seals at most that long under a key that is gone (those
 *       fields are then unreadable, which errs on the side of the data principal).</li>
 *   <li><b>Opening</b> ({@link #keyForOpening}) never uses the cache: it asks Redis every time, so a
 *       key deleted by erasure or retention on any node opens nothing anywhere from then on.</li>
 * </ul>
 * Thread-safe. Blocking methods are for worker threads only.
 */
public final class SubjectKeys {

    /** Longest a key is reused from this node's memory for sealing: 60 s. */
    public static final Duration CACHE_TTL = Duration.ofSeconds(60);
    static final int CACHE_ENTRIES = 10_000;
    static final int KEY_BYTES = 32;

    /**
     * KEYS[1] = the hash; ARGV = field, wrapped new key, backstop TTL in ms. Keeps an existing key
     * (another node made it first), extends the hash's TTL to at least the backstop, and answers
     * the key now stored: one round trip, and two nodes always agree on one key.
     */
    private static final String CREATE_OR_GET = """
            redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2])
            local ttl = redis.call('PTTL', KEYS[1])
            if ttl >= 0 and ttl < tonumber(ARGV[3]) or ttl == -1 then
              redis.call('PEXPIRE', KEYS[1], ARGV[3])
            end
            return redis.call('HGET', KEYS[1], ARGV[1])
            """;

    private record Cached(byte[] key, Instant until) {
    }

    private final RedisCalls redis;
    private final EnvelopeCipher envelopes;
    private final RetentionPolicy policy;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Cached> cache = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > CACHE_ENTRIES;
        }
    };

    public SubjectKeys(RedisCalls redis, KeyRing ring, RetentionPolicy policy, Clock clock) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.envelopes = Objects.requireNonNull(ring, "ring").envelopes();
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public RetentionPolicy policy() {
        return policy;
    }

    /** The hash field of a purpose and epoch. */
    static String field(String purpose, long epoch) {
        return purpose + "|" + epoch;
    }

    /**
     * The key to seal a field of {@code purpose} in {@code epoch} with, made if none exists. Blocks
     * on a cache miss (writer thread).
     *
     * @throws PrivacyStoreException when Redis does not answer
     */
    public byte[] keyForSealing(String token, String purpose, long epoch) {
        String field = field(purpose, epoch);
        String cacheKey = token + "/" + field;
        Instant now = clock.instant();
        synchronized (cache) {
            Cached hit = cache.get(cacheKey);
            if (hit != null && now.isBefore(hit.until())) {
                return hit.key();
            }
        }
        String hashKey = PrivacyKeys.subjectKeysKey(token);
        byte[] fresh = new byte[KEY_BYTES];
        random.nextBytes(fresh);
        byte[] wrapped = envelopes.seal(fresh, PrivacyKeys.aad(hashKey, field));
        Instant keepUntil = policy.epochEnd(epoch).plus(policy.retentionOf(purpose)).plus(policy.keyEpoch());
        long backstopMs = Math.max(1, Duration.between(now, keepUntil).toMillis());
        byte[] stored = redis.sync("subject key", r -> r.<byte[]>eval(CREATE_OR_GET, ScriptOutputType.VALUE,
                new String[] {hashKey}, bytes(field), wrapped, bytes(Long.toString(backstopMs))));
        byte[] key = unwrap(hashKey, field, stored)
                .orElseThrow(() -> new PrivacyStoreException("subject key (unreadable)", null));
        synchronized (cache) {
            cache.put(cacheKey, new Cached(key, now.plus(CACHE_TTL)));
        }
        return key;
    }

    /** The key from this node's cache only (no Redis), if it is there and fresh. */
    Optional<byte[]> cachedKey(String token, String purpose, long epoch) {
        synchronized (cache) {
            Cached hit = cache.get(token + "/" + field(purpose, epoch));
            return hit != null && clock.instant().isBefore(hit.until()) ? Optional.of(hit.key()) : Optional.empty();
        }
    }

    /**
     * The key a sealed field names, asked of Redis (never the cache); empty once it was deleted.
     *
     * @throws PrivacyStoreException when Redis does not answer
     */
    public Optional<byte[]> keyForOpening(String token, String field) {
        String hashKey = PrivacyKeys.subjectKeysKey(token);
        byte[] stored = redis.sync("subject key", r -> r.hget(hashKey, field));
        return stored == null ? Optional.empty() : unwrap(hashKey, field, stored);
    }

    /**
     * Deletes every key of the subject: all its log fields become unreadable.
     *
     * @return how many keys were deleted
     */
    public long erase(String token) {
        String hashKey = PrivacyKeys.subjectKeysKey(token);
        long keys = redis.sync("erase subject keys", r -> r.hlen(hashKey));
        redis.sync("erase subject keys", r -> r.del(hashKey));
        forget(token);
        return keys;
    }

    /** Deletes the listed fields of one subject's hash; @return how many were deleted. */
    long deleteFields(String hashKey, List<String> fields) {
        if (fields.isEmpty()) {
            return 0;
        }
        long deleted = redis.sync("purge subject keys", r -> r.hdel(hashKey, fields.toArray(String[]::new)));
        forget(PrivacyKeys.tokenOf(hashKey));
        return deleted;
    }

    /** Drops this node's cached keys of a subject. */
    void forget(String token) {
        synchronized (cache) {
            cache.keySet().removeIf(k -> k.startsWith(token + "/"));
        }
    }

    private Optional<byte[]> unwrap(String hashKey, String field, byte[] stored) {
        if (stored == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(envelopes.open(stored, PrivacyKeys.aad(hashKey, field)));
        } catch (KeystoreException e) {
            return Optional.empty();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
