package io.maskgate.core.consent;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.maskgate.core.routing.Channel;
import io.maskgate.keystore.EnvelopeCipher;
import io.maskgate.keystore.KeyRing;
import io.maskgate.keystore.KeystoreException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies consent revocations on every gateway node. One instance per node, shared by its gates
 * ({@link CachingConsentGate}) and the relays' {@link RevocationListener}s.
 *
 * <h2>What {@link #revoke} does, in order</h2>
 * <ol>
 *   <li>Locally, at once: drops the matching decisions from this node's gates (near-cache and
 *       in-flight fetches) and calls the listeners. Works even with Redis down.</li>
 *   <li>In Redis, pipelined on one connection: {@code INCR} the subject's revocation epoch
 *       ({@code PEXPIRE epochRetention}), {@code DEL} the matching shared entries (when the purpose
 *       is named; for "all purposes" the epoch alone retires them, since their keys cannot be listed
 *       without a scan), {@code PUBLISH} the sealed revocation on {@code mgc:revocations}.</li>
 *   <li>Every other node receives the message, drops its near-cache entries and calls its
 *       listeners.</li>
 * </ol>
 *
 * <h2>What guarantees what</h2>
 * <ul>
 *   <li><b>Shared entries</b>: each carries the epoch it was fetched under and is read together with
 *       the current epoch (one MGET, same slot). After {@code revoke} completes, no node accepts an
 *       entry from before it, including one written late by a fetch that began before it.</li>
 *   <li><b>Near-caches</b>, with {@code verifyEpochOnNearHit} (default): a hit is confirmed against
 *       the epoch in Redis, so the next check on any node after {@code revoke} completes asks the
 *       platform. Without it: the pub/sub message drops entries about a millisecond later; hits are
 *       refused while the subscription is down and the near-cache is cleared whenever it drops or
 *       comes back (messages may have been missed), and {@code nearCacheTtl} bounds the damage of a
 *       silently dead connection.</li>
 *   <li>A check that joined a fetch already in flight when a revocation landed on another node
 *       shares that fetch's answer (it began before the revocation, within {@code sourceTimeout}).</li>
 * </ul>
 * When the Redis part fails, the future fails with {@link RevocationFailedException}: the local part
 * has happened; the webhook should answer 503 so the platform retries.
 */
public final class ConsentRevocations implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsentRevocations.class);
    private static final Duration RESUBSCRIBE_DELAY = Duration.ofSeconds(1);

    /** How a gate on this node learns of revocations (package-private: gates only). */
    interface CacheHook {
        void revoked(Revocation r);

        /** Revocations may have been missed (subscription lost, an unreadable message): forget everything. */
        void lostTrack();
    }

    private final ConsentRedis redis;
    private final SharedDecisions shared;
    private final EnvelopeCipher envelopes;
    private final ConsentCacheOptions options;
    private final Counter revocations;
    private final String nodeId;
    private final List<RevocationListener> listeners = new CopyOnWriteArrayList<>();
    private final List<CacheHook> hooks = new CopyOnWriteArrayList<>();
    private volatile StatefulRedisPubSubConnection<String, byte[]> pubsub;
    private volatile boolean subscribed;
    private volatile boolean closed;

    private ConsentRevocations(ConsentRedis redis, KeyRing keys, ConsentCacheOptions options, MeterRegistry registry) {
        this.redis = redis;
        this.shared = new SharedDecisions(redis, keys, Clock.systemUTC(), options.redisTimeout());
        this.envelopes = keys.envelopes();
        this.options = options;
        this.revocations = ConsentMetrics.revocations(registry);
        byte[] id = new byte[8];
        new SecureRandom().nextBytes(id);
        this.nodeId = HexFormat.of().formatHex(id);
    }

    /** Builds it and starts subscribing in the background (retrying while Redis is down). */
    public static ConsentRevocations start(ConsentRedis redis, KeyRing keys, ConsentCacheOptions options,
                                           MeterRegistry registry) {
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(registry, "registry");
        ConsentRevocations r = new ConsentRevocations(redis, keys, options, registry);
        r.subscribe();
        return r;
    }

    /** Applies {@code revocation} here, then shares it through Redis; see the class comment. */
    public CompletableFuture<Void> revoke(Revocation revocation) {
        Objects.requireNonNull(revocation, "revocation");
        revocations.increment();
        deliver(revocation);
        ConsentKeys keys = shared.keys();
        String epochKey = keys.epochKey(revocation.subjectId());
        byte[] message = envelopes.seal(new RevocationMessage(nodeId, revocation).encode(),
                ConsentKeys.aad(ConsentKeys.REVOCATION_CHANNEL));
        List<String> entries = entryKeys(keys, revocation);
        List<CompletableFuture<?>> steps = new ArrayList<>();
        // One connection keeps the order: epoch first, so entries are dead before anyone hears of it.
        steps.add(shared.call(r -> r.incr(epochKey)));
        steps.add(shared.call(r -> r.pexpire(epochKey, options.epochRetention().toMillis())));
        if (!entries.isEmpty()) {
            steps.add(shared.call(r -> r.del(entries.toArray(String[]::new))));
        }
        steps.add(shared.call(r -> r.publish(ConsentKeys.REVOCATION_CHANNEL, message)));
        return CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new)).handle((done, error) -> {
            if (error != null) {
                throw new RevocationFailedException(error instanceof java.util.concurrent.CompletionException
                        && error.getCause() != null ? error.getCause() : error);
            }
            return null;
        });
    }

    public void addListener(RevocationListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(RevocationListener listener) {
        listeners.remove(listener);
    }

    /** True while this node is subscribed to the revocation channel. */
    public boolean isSubscribed() {
        return subscribed;
    }

    void attach(CacheHook hook) {
        hooks.add(hook);
    }

    void detach(CacheHook hook) {
        hooks.remove(hook);
    }

    @Override
    public void close() {
        closed = true;
        subscribed = false;
        StatefulRedisPubSubConnection<String, byte[]> c = pubsub;
        if (c != null) {
            c.closeAsync();
        }
    }

    private static List<String> entryKeys(ConsentKeys keys, Revocation r) {
        if (r.purpose().isEmpty()) {
            return List.of();
        }
        List<Channel> channels = r.channel().map(List::of).orElse(List.of(Channel.values()));
        return channels.stream().map(c -> keys.decisionKey(r.subjectId(), r.purpose().get(), c)).toList();
    }

    private void deliver(Revocation r) {
        for (CacheHook hook : hooks) {
            hook.revoked(r);
        }
        for (RevocationListener listener : listeners) {
            try {
                listener.onRevoked(r);
            } catch (RuntimeException e) {
                LOG.warn("Revocation listener {} failed: {}", listener.getClass().getName(), e.toString());
            }
        }
    }

    private void lostTrack() {
        for (CacheHook hook : hooks) {
            hook.lostTrack();
        }
    }

    private void subscribe() {
        if (closed) {
            return;
        }
        redis.connectPubSub().whenComplete((connection, error) -> {
            if (error != null) {
                LOG.warn("Revocation channel not reachable ({}); retrying in {} ms",
                        error.getClass().getSimpleName(), RESUBSCRIBE_DELAY.toMillis());
                CompletableFuture.delayedExecutor(RESUBSCRIBE_DELAY.toMillis(), TimeUnit.MILLISECONDS)
                        .execute(this::subscribe);
                return;
            }
            if (closed) {
                connection.closeAsync();
                return;
            }
            pubsub = connection;
            connection.addListener(new Messages());
            connection.addListener(new ConnectionState());
            connection.async().subscribe(ConsentKeys.REVOCATION_CHANNEL);
        });
    }

    private void onMessage(byte[] sealed) {
        RevocationMessage message;
        try {
            byte[] plain = envelopes.open(sealed, ConsentKeys.aad(ConsentKeys.REVOCATION_CHANNEL));
            message = RevocationMessage.decode(plain);
        } catch (KeystoreException | IllegalArgumentException e) {
            // Cannot tell whose consent went: forget every cached decision rather than keep a revoked one.
            LOG.warn("Unreadable revocation message ({}); dropping all cached consent", e.getMessage());
            lostTrack();
            return;
        }
        if (!nodeId.equals(message.origin())) {
            deliver(message.revocation());
        }
    }

    /** Messages on the revocation channel, and (re)subscription confirmations. */
    private final class Messages extends RedisPubSubAdapter<String, byte[]> {
        @Override
        public void message(String channel, byte[] message) {
            if (ConsentKeys.REVOCATION_CHANNEL.equals(channel)) {
                onMessage(message);
            }
        }

        @Override
        public void subscribed(String channel, long count) {
            if (ConsentKeys.REVOCATION_CHANNEL.equals(channel)) {
                lostTrack(); // messages sent while we were not subscribed are lost
                subscribed = true;
                LOG.info("Subscribed to consent revocations");
            }
        }
    }

    /** Marks the subscription down as soon as the connection drops; lettuce resubscribes on reconnect. */
    private final class ConnectionState implements RedisConnectionStateListener {
        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            if (subscribed) {
                LOG.warn("Consent revocation channel lost; near-cache hits refused until resubscribed");
            }
            subscribed = false;
            lostTrack();
        }
    }
}
