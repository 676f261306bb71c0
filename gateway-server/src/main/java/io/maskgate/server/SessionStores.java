package io.maskgate.server;

import io.maskgate.core.number.PhoneNumber;
import io.maskgate.core.pool.NumberPool;
import io.maskgate.core.pool.NumberPools;
import io.maskgate.core.session.SessionStore;
import io.maskgate.core.session.memory.InMemorySessionStore;
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

/** Builds the session store conf asks for, and the pools it allocates from. */
final class SessionStores {

    private SessionStores() {
    }

    static SessionStore create(StoreConfig conf, NumberPools pools, KeyRing keys, ServerResources resources) {
        if (conf.type() == StoreConfig.Type.MEMORY) {
            return new InMemorySessionStore(pools, keys, resources.clock());
        }
        StoreConfig.RedisConfig redis = conf.redis().orElseThrow();
        RedisStoreOptions options = RedisStoreOptions.builder()
                .uri(redis.uri())
                .commandTimeout(redis.commandTimeout())
                .connectTimeout(redis.connectTimeout())
                .requestQueueSize(redis.requestQueueSize())
                .build();
        return RedisSessionStore.create(options, pools, keys, resources.clock(), resources.registry());
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
