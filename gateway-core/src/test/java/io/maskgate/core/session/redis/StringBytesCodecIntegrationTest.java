package io.maskgate.core.session.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.maskgate.testing.RedisServer;
import io.maskgate.testing.RedisServerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The direct-to-buffer codec writes what the composed UTF-8/bytes codec wrote, against a real redis-server. */
@ExtendWith(RedisServerExtension.class)
class StringBytesCodecIntegrationTest {
    private RedisClient client;

    @AfterEach
    void close() {
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Test
    void writesTheSameBytesAsTheComposedCodec(RedisServer redis) {
        client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, byte[]> ours = client.connect(StringBytesCodec.INSTANCE);
                StatefulRedisConnection<String, byte[]> composed =
                        client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE))) {
            RedisCommands<String, byte[]> viaOurs = ours.sync();
            RedisCommands<String, byte[]> viaComposed = composed.sync();
            byte[] binary = {0, (byte) 0xff, '\r', '\n', '$', 7};
            Map<String, byte[]> entries = Map.of(
                    "mg:{0a1b2c3d}:m:ascii", binary,
                    "mg:{é}:ünï-cødé-键", "value é 键".getBytes(StandardCharsets.UTF_8),
                    "mg:empty", new byte[0]);

            entries.forEach(viaOurs::set);

            entries.forEach((key, value) -> {
                assertArrayEquals(value, viaComposed.get(key), key);
                assertArrayEquals(value, viaOurs.get(key), key);
            });
            assertEquals(3L, viaComposed.exists(entries.keySet().toArray(String[]::new)));
            List<String> keys = viaOurs.keys("mg:*");
            assertTrue(keys.containsAll(entries.keySet()), keys.toString());
        }
    }

    @Test
    void sizesAreExact() {
        assertEquals(3, StringBytesCodec.INSTANCE.estimateSize("abc"));
        assertEquals(2, StringBytesCodec.INSTANCE.estimateSize("é"));
        assertEquals(3, StringBytesCodec.INSTANCE.estimateSize("键"));
        assertEquals(4, StringBytesCodec.INSTANCE.estimateSize(new byte[4]));
        assertEquals(0, StringBytesCodec.INSTANCE.estimateSize(null));
        assertTrue(StringBytesCodec.INSTANCE.isEstimateExact());
    }
}
