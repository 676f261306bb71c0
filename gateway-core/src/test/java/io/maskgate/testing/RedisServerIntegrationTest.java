package io.maskgate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisServerExtension.class)
class RedisServerIntegrationTest {

    @Test
    void restartsOnTheSamePort(RedisServer redis) {
        int port = redis.port();
        assertEquals("redis://127.0.0.1:" + port, redis.uri());
        try (RedisClient client = RedisClient.create(redis.uri())) {
            assertEquals("PONG", client.connect().sync().ping());
            redis.stop();
            assertFalse(redis.isRunning());
            assertThrows(RedisConnectionException.class, client::connect);
            redis.start();
            assertEquals(port, redis.port());
            assertEquals("PONG", client.connect().sync().ping());
        }
    }

    @Test
    void injectedServerIsRunningEvenAfterAnotherTestStoppedIt(RedisServer redis) {
        assertTrue(redis.isRunning());
    }

    @Test
    void missingBinaryFailsWithAClearMessage() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RedisServer.startNew(Path.of("/nonexistent/redis-server")));
        assertTrue(e.getMessage().contains("redis-server is not installed"), e.getMessage());
    }
}
