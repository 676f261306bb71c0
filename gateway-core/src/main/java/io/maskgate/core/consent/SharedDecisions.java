package io.maskgate.core.consent;

import io.lettuce.core.KeyValue;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.maskgate.keystore.EnvelopeCipher;
import io.maskgate.keystore.KeystoreException;
import io.maskgate.keystore.KeyRing;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared tier: one sealed Redis entry per (subject, purpose, channel) and one revocation epoch
 * per subject. Every method answers instead of failing: a Redis error is "nothing known" (an empty
 * epoch), which the gate treats as a miss and never as a grant.
 */
final class SharedDecisions {

    private static final Logger LOG = LoggerFactory.getLogger(SharedDecisions.class);

    /** What one MGET found: a live decision of the current epoch, and the epoch (empty: Redis failed). */
    record Lookup(Optional<CachedDecision> decision, OptionalLong epoch) {
        static final Lookup FAILED = new Lookup(Optional.empty(), OptionalLong.empty());
    }

    private final ConsentRedis redis;
    private final ConsentKeys keys;
    private final EnvelopeCipher envelopes;
    private final Clock clock;
    private final Duration timeout;

    SharedDecisions(ConsentRedis redis, KeyRing ring, Clock clock, Duration timeout) {
        this.redis = redis;
        this.keys = new ConsentKeys(ring.blindIndex());
        this.envelopes = ring.envelopes();
        this.clock = clock;
        this.timeout = timeout;
    }

    ConsentKeys keys() {
        return keys;
    }

    CompletableFuture<Lookup> lookup(ConsentQuery q) {
        String key = keys.decisionKey(q.subjectId(), q.purpose(), q.channel());
        String epochKey = keys.epochKey(q.subjectId());
        return call(r -> r.mget(key, epochKey)).handle((values, error) -> {
            if (error != null) {
                LOG.debug("Shared consent lookup failed: {}", error.getClass().getSimpleName());
                return Lookup.FAILED;
            }
            KeyValue<String, byte[]> epochValue = values.get(1);
            OptionalLong epoch = parseEpoch(epochValue.hasValue() ? epochValue.getValue() : null);
            if (epoch.isEmpty()) {
                return Lookup.FAILED;
            }
            Optional<CachedDecision> decision = open(key, values.get(0))
                    .filter(d -> d.epoch() == epoch.getAsLong() && d.isLiveAt(clock.instant()));
            return new Lookup(decision, epoch);
        });
    }

    /** The subject's current epoch, or empty when Redis did not answer. */
    CompletableFuture<OptionalLong> epoch(String subjectId) {
        return call(r -> r.get(keys.epochKey(subjectId)))
                .handle((value, error) -> error != null ? OptionalLong.empty() : parseEpoch(value));
    }

    /** Writes the entry with a TTL; a failure only costs the other nodes a platform call. */
    /**
     * Writes the shared entry. Completes (never exceptionally) once Redis answered or the write
     * failed: a failed write only means other nodes ask the platform themselves.
     */
    CompletableFuture<Void> store(ConsentQuery q, CachedDecision d, Duration ttl) {
        String key = keys.decisionKey(q.subjectId(), q.purpose(), q.channel());
        byte[] sealed = envelopes.seal(d.encode(), ConsentKeys.aad(key));
        return call(r -> r.set(key, sealed, SetArgs.Builder.px(ttl.toMillis()))).handle((ok, error) -> {
            if (error != null) {
                LOG.debug("Shared consent write failed: {}", error.getClass().getSimpleName());
            }
            return null;
        });
    }

    <T> CompletableFuture<T> call(Function<RedisAsyncCommands<String, byte[]>, CompletionStage<T>> command) {
        Optional<RedisAsyncCommands<String, byte[]>> commands = redis.commands();
        if (commands.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException("Redis not connected"));
        }
        try {
            return command.apply(commands.get()).toCompletableFuture()
                    .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private Optional<CachedDecision> open(String key, KeyValue<String, byte[]> value) {
        if (!value.hasValue()) {
            return Optional.empty();
        }
        try {
            return Optional.of(CachedDecision.decode(envelopes.open(value.getValue(), ConsentKeys.aad(key))));
        } catch (KeystoreException | IllegalArgumentException e) {
            // Tampered, copied under another key, or sealed under a key no longer loaded: a miss.
            LOG.warn("Unreadable shared consent entry: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * An absent epoch is 0. One that is not a number (written by something else) is treated like a
     * Redis failure: nothing cached is trusted and nothing is cached under it.
     */
    static OptionalLong parseEpoch(byte[] value) {
        if (value == null) {
            return OptionalLong.of(0L);
        }
        try {
            return OptionalLong.of(Long.parseLong(new String(value, StandardCharsets.US_ASCII)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
