package io.maskgate.server;

import io.maskgate.core.number.PhoneNumber;
import io.maskgate.core.pool.NumberPool;
import io.maskgate.core.pool.NumberPools;
import io.maskgate.core.session.SessionStore;
import io.maskgate.core.session.memory.InMemorySessionStore;
import io.maskgate.core.session.redis.RedisConnector;
import io.maskgate.core.session.redis.RedisSessionStore;
import io.maskgate.core.session.redis.RedisStoreOptions;
import io.maskgate.keystore.KeyRing;
import io.maskgate.server.config.ConfigException;
import io.maskgate.server.config.PoolsConfig;
import io.maskgate.server.config.StoreConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds the session store conf asks for, the pools it allocates from, and the one Redis connector. */
final class SessionStores {

    private SessionStores() {
    }

    /**
     * The process's one Redis connector when the store is Redis (started: it connects in the
     * background), else empty. Session store, consent cache, message-id map and events share it.
     */
    static Optional<RedisConnector> connector(StoreConfig conf) {
        return conf.redis().map(redis -> {
            RedisConnector connector = new RedisConnector(options(redis));
            connector.start();
            return connector;
        });
    }

    /** The store; with Redis, on the shared {@code connector} (which it does not close). */
    static SessionStore create(StoreConfig conf, Optional<RedisConnector> connector, NumberPools pools, KeyRing keys,
                               ServerResources resources) {
        return create(conf, connector, pools, keys, resources, SessionStore.DEFAULT_CLOSED_RETENTION);
    }

    /** As above, keeping closed sessions' records for {@code closedRetention} ({@code sessions.closedRetentionSeconds}). */
    static SessionStore create(StoreConfig conf, Optional<RedisConnector> connector, NumberPools pools, KeyRing keys,
                               ServerResources resources, java.time.Duration closedRetention) {
        if (conf.type() == StoreConfig.Type.MEMORY) {
            return new InMemorySessionStore(pools, keys, resources.clock(), closedRetention);
        }
        return RedisSessionStore.create(options(conf.redis().orElseThrow()), connector.orElseThrow(), pools, keys,
                resources.clock(), resources.registry(), closedRetention);
    }

    private static RedisStoreOptions options(StoreConfig.RedisConfig redis) {
        return RedisStoreOptions.builder()
                .uri(redis.uri())
                .commandTimeout(redis.commandTimeout())
                .connectTimeout(redis.connectTimeout())
                .requestQueueSize(redis.requestQueueSize())
                .password(redis.password().map(Secrets::supplier).orElse(null))
                .build();
    }

    /** Expands ranges; a number listed twice in one pool names the pool's key. */
    static NumberPools pools(PoolsConfig conf) {
        Map<String, NumberPool> pools = new LinkedHashMap<>();
        conf.byName().forEach((name, pool) -> {
            List<PhoneNumber> numbers = new ArrayList<>(pool.numbers());
            pool.ranges().forEach(r -> numbers.addAll(NumberPool.range(r.first(), r.last())));
            try {
                pools.put(name, new NumberPool(name, numbers));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("pools." + name, e.getMessage());
            }
        });
        return new NumberPools(pools);
    }
}
