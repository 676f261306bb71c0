package io.maskgate.server;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.maskgate.server.config.ConfigLoader;
import io.maskgate.server.config.GatewayConfig;
import io.maskgate.testing.FreePorts;
import io.maskgate.testing.RedisServer;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the Redis store and the SIP relay, the node opens one Redis connection per SIP event loop
 * besides the shared one (README.md, "Point it at a real Redis"), and closes them all on close.
 */
class SipLoopRedisConnectionsTest {

    @TempDir
    Path dir;

    @Test
    void eachSipLoopHasItsOwnRedisConnectionUntilTheNodeCloses() throws Exception {
        try (RedisServer redis = RedisServer.startNew()) {
            RedisClient observer = RedisClient.create(redis.uri());
            try {
                Gateway g = Gateway.start(config(redis, 3));
                try {
                    // the shared connection and one per loop
                    Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> gatewayClients(observer) == 4);
                } finally {
                    g.close();
                }
                // closing the node closes every connection it opened
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> gatewayClients(observer) == 0);
            } finally {
                observer.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
        }
    }

    private GatewayConfig config(RedisServer redis, int sipLoops) throws Exception {
        String yaml = TestConfs.withSip(TestConfs.yaml(dir, redis.uri()), FreePorts.tcpAndUdp());
        yaml = TestConfs.replaceOnce(yaml, "  timers:\n", "  ioThreads: " + sipLoops + "\n  timers:\n");
        return ConfigLoader.parse("test.yaml", yaml).config();
    }

    /** Clients Redis knows of, less the observer's own connection. */
    private static long gatewayClients(RedisClient observer) {
        try (StatefulRedisConnection<String, String> c = observer.connect()) {
            return c.sync().clientList().lines().count() - 1;
        }
    }
}
