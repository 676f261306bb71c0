package io.maskgate.core.privacy;

import io.lettuce.core.ScriptOutputType;
import io.maskgate.core.session.Participant;
import io.maskgate.core.session.Session;
import io.maskgate.keystore.EnvelopeCipher;
import io.maskgate.keystore.KeyRing;
import io.maskgate.keystore.KeystoreException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which sessions each subject (participant id) had, without a number or an id in any key:
 * {@code mgp:subj:<subject token>}, a hash from session id to a sealed {@link SessionSummary}.
 *
 * <p>Written right after the session store created the session ({@link #add}): the session's keys
 * live in the proxy number's bucket and the index in the subject's, so one script cannot write
 * both on a cluster. A session whose index write failed is deleted again by the caller (no session
 * may exist that an erasure cannot find); an index entry whose session is gone is harmless, and
 * erasure and retention treat such dangling ids as already deleted.
 *
 * <p>The hash's TTL is extended on each write to the last summary's expiry plus the longest
 * retention, a backstop behind the retention job, which removes each summary once its purpose's
 * retention has passed.
 */
public final class SubjectIndex {

    private static final Logger LOG = LoggerFactory.getLogger(SubjectIndex.class);

    /** KEYS[1] = hash; ARGV = field, value, TTL ms: HSET and extend (never shorten) the TTL. */
    private static final String PUT = """
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            local ttl = redis.call('PTTL', KEYS[1])
            if ttl == -1 or ttl < tonumber(ARGV[3]) then
              redis.call('PEXPIRE', KEYS[1], ARGV[3])
            end
            return 1
            """;

    private final RedisCalls redis;
    private final PrivacyKeys names;
    private final EnvelopeCipher envelopes;
    private final RetentionPolicy policy;
    private final Clock clock;

    public SubjectIndex(RedisCalls redis, KeyRing ring, RetentionPolicy policy, Clock clock) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.names = new PrivacyKeys(Objects.requireNonNull(ring, "ring").blindIndex());
        this.envelopes = ring.envelopes();
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public PrivacyKeys names() {
        return names;
    }

    /** Indexes the session under both participants; async (admin API event loop). */
    public CompletableFuture<Void> add(Session session) {
        SessionSummary summary = SessionSummary.of(session);
        long ttlMs = Math.max(1, Duration.between(clock.instant(),
                session.expiresAt().plus(policy.longest())).toMillis());
        CompletableFuture<?> a = put(session.a(), summary, ttlMs);
        CompletableFuture<?> b = put(session.b(), summary, ttlMs);
        return CompletableFuture.allOf(a, b);
    }

    private CompletableFuture<Long> put(Participant p, SessionSummary summary, long ttlMs) {
        String key = PrivacyKeys.subjectIndexKey(names.subjectToken(p.id()));
        String field = summary.sessionId().value();
        byte[] value = envelopes.seal(summary.encode(), PrivacyKeys.aad(key, field));
        return redis.call("index session", r -> r.<Long>eval(PUT, ScriptOutputType.INTEGER, new String[] {key},
                bytes(field), value, bytes(Long.toString(ttlMs))));
    }

    /**
     * The subject's sessions, oldest first. Blocking: worker threads only.
     *
     * @throws PrivacyStoreException when Redis does not answer
     */
    public List<SessionSummary> sessions(String subjectId) {
        return read(PrivacyKeys.subjectIndexKey(names.subjectToken(subjectId)));
    }

    /** The summaries under one index key (also used by the retention job's scan). */
    List<SessionSummary> read(String key) {
        Map<String, byte[]> all = redis.sync("read subject index", r -> r.hgetall(key));
        List<SessionSummary> out = new ArrayList<>(all.size());
        all.forEach((field, value) -> {
            try {
                out.add(SessionSummary.decode(envelopes.open(value, PrivacyKeys.aad(key, field))));
            } catch (KeystoreException | IllegalArgumentException e) {
                LOG.warn("unreadable subject index entry ({})", e.getClass().getSimpleName());
            }
        });
        out.sort(Comparator.comparing(SessionSummary::createdAt));
        return out;
    }

    /** Deletes a subject's whole index; @return true if it existed. */
    boolean delete(String subjectId) {
        String key = PrivacyKeys.subjectIndexKey(names.subjectToken(subjectId));
        return redis.sync("delete subject index", r -> r.del(key)) > 0;
    }

    /** Deletes some entries of one index key; @return how many. */
    long deleteEntries(String key, List<String> sessionIds) {
        if (sessionIds.isEmpty()) {
            return 0;
        }
        return redis.sync("purge subject index", r -> r.hdel(key, sessionIds.toArray(String[]::new)));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
