package io.maskgate.core.session.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.ClientOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedisStoreOptionsTest {

    @Test
    void defaults() {
        RedisStoreOptions o = RedisStoreOptions.create();
        assertEquals("redis://127.0.0.1:6379/0", o.uri());
        assertEquals(Duration.ofMillis(250), o.commandTimeout());
        assertEquals(Duration.ofSeconds(1), o.connectTimeout());
        assertEquals(10_000, o.requestQueueSize());
        assertEquals(Duration.ofSeconds(5), o.keepAlive());
        assertEquals(Duration.ofSeconds(5), o.tcpUserTimeout());
        assertEquals(RedisStoreOptions.DEFAULT_ALLOCATION_ATTEMPTS, o.allocationAttempts());
        assertEquals(o.toString(), o.mutate().build().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis://127.0.0.1:6379/0", "rediss://user:secret@redis.example:6380/1",
            "redis-sentinel://10.0.0.1:26379,10.0.0.2:26379/0#mymaster"})
    void acceptsPlainTlsAndSentinelUris(String uri) {
        assertEquals(uri, RedisStoreOptions.builder().uri(uri).build().uri());
    }

    @Test
    void refusesBadValuesWithoutEchoingSecrets() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RedisStoreOptions.builder().uri("http://:s3cret@host:6379"));
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RedisStoreOptions.builder().commandTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> RedisStoreOptions.builder().requestQueueSize(0));
        assertThrows(IllegalArgumentException.class, () -> RedisStoreOptions.builder().allocationAttempts(0));
    }

    @Test
    void toStringMasksCredentials() {
        String text = RedisStoreOptions.builder().uri("rediss://user:s3cret@redis.example:6380/1").build().toString();
        assertFalse(text.contains("s3cret"), text);
        assertTrue(text.contains("rediss://***@redis.example:6380/1"), text);
    }

    @Test
    void lettuceIsConfiguredToFailClosed() {
        RedisStoreOptions o = RedisStoreOptions.builder().commandTimeout(Duration.ofMillis(300)).requestQueueSize(77).build();
        ClientOptions c = RedisConnector.clientOptions(o);
        assertEquals(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS, c.getDisconnectedBehavior());
        assertEquals(77, c.getRequestQueueSize());
        assertTrue(c.isAutoReconnect());
        assertTrue(c.getTimeoutOptions().isTimeoutCommands());
        assertEquals(Duration.ofSeconds(1), c.getSocketOptions().getConnectTimeout());
        assertTrue(c.getSocketOptions().isKeepAlive());
        assertEquals(Duration.ofSeconds(5), c.getSocketOptions().getKeepAlive().getIdle());
    }
}
