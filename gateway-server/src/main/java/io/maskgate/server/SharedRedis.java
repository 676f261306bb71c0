package io.maskgate.server;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.maskgate.core.consent.ConsentRedis;
import io.maskgate.core.session.redis.RedisConnector;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** The consent code's view of the process's one Redis connector; owns nothing. */
final class SharedRedis implements ConsentRedis {

    private final RedisConnector connector;

    SharedRedis(RedisConnector connector) {
        this.connector = Objects.requireNonNull(connector, "connector");
    }

    @Override
    public Optional<RedisAsyncCommands<String, byte[]>> commands() {
        return connector.commands();
    }

    @Override
    public CompletionStage<StatefulRedisPubSubConnection<String, byte[]>> connectPubSub() {
        return connector.connectPubSub();
    }
}
