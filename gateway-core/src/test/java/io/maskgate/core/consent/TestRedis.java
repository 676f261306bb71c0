package io.maskgate.core.consent;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.maskgate.testing.RedisServer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * One "node"'s Redis connections for the tests: its own client, a command connection and pub/sub
 * connections on demand. Fails fast while Redis is down, as the gateway's connector does.
 */
final class TestRedis implements ConsentRedis, AutoCloseable {

    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final RedisClient client;
    private final RedisURI uri;
    private final StatefulRedisConnection<String, byte[]> connection;

    TestRedis(RedisServer server) {
        this.uri = RedisURI.create(server.uri());
        this.client = RedisClient.create();
        this.client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofMillis(200)))
                .build());
        this.connection = client.connect(CODEC, uri);
    }

    @Override
    public Optional<RedisAsyncCommands<String, byte[]>> commands() {
        return Optional.of(connection.async());
    }

    @Override
    public CompletionStage<StatefulRedisPubSubConnection<String, byte[]>> connectPubSub() {
        return client.connectPubSubAsync(CODEC, uri);
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
