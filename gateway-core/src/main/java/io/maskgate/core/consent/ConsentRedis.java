package io.maskgate.core.consent;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The Redis connections the consent code borrows; it owns none of them. In the gateway both come
 * from the session store's fail-closed connector (same client options: commands rejected at once
 * while Redis is down, short timeouts), so consent adds no second Redis configuration.
 */
public interface ConsentRedis {

    /** The shared async API once connected (lettuce then reconnects by itself), else empty. */
    Optional<RedisAsyncCommands<String, byte[]>> commands();

    /**
     * A new dedicated pub/sub connection (a subscribed connection cannot run other commands).
     * The caller closes it. May fail while Redis is down; the caller retries.
     */
    CompletionStage<StatefulRedisPubSubConnection<String, byte[]>> connectPubSub();
}
