package io.maskgate.server.admin;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.core.metrics.MetricNames;
import io.maskgate.server.TestConfs;
import io.maskgate.testing.RedisServer;
import io.maskgate.testing.RedisServerExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The admin API contract on the Redis store against a real redis-server, plus its outage behaviour. */
@ExtendWith(RedisServerExtension.class)
class RedisStoreAdminApiTest extends AdminApiContract {

    private static final Logger LOG = LoggerFactory.getLogger(RedisStoreAdminApiTest.class);

    @TempDir
    static Path dir;

    @BeforeAll
    static void start(RedisServer redis) {
        startGateway(TestConfs.config(dir, redis.uri()));
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/health/ready", "").status() == 200);
    }

    @Override
    List<String> expectedMetrics() {
        List<String> names = new ArrayList<>(super.expectedMetrics());
        names.add(MetricNames.STORE_COMMAND);
        return names;
    }

    @Test
    void redisDownMeansNotReadyAndFast503ThenRecoveryWithoutRestart(RedisServer redis) {
        String existing = create(newNumber(), newNumber()).json().get("sessionId").asText();
        redis.stop();
        try {
            answersFast503WhileDown(existing);
        } finally {
            redis.start();
        }
        long restarted = System.nanoTime();
        await().atMost(Duration.ofSeconds(15)).until(() -> api.get("/health/ready", "").status() == 200);
        LOG.info("ready again {} ms after redis-server restarted", elapsedSince(restarted).toMillis());
        ApiClient.Answer again = create(newNumber(), newNumber());
        assertEquals(201, again.status(), again.body());
    }

    private static void answersFast503WhileDown(String existingSessionId) {
        await().atMost(Duration.ofSeconds(5)).until(() -> api.get("/health/ready", "").status() == 503);
        ApiClient.Answer ready = api.get("/health/ready", "");
        assertEquals("store_unreachable", ready.json().get("reason").asText());

        long start = System.nanoTime();
        ApiClient.Answer post = create(newNumber(), newNumber());
        Duration took = elapsedSince(start);
        assertEquals(503, post.status(), post.body());
        assertEquals("store_unavailable", post.json().get("error").asText());
        assertEquals("1", post.header("Retry-After").orElseThrow());
        assertTrue(took.compareTo(Duration.ofMillis(1200)) < 0, "503 took " + took);
        LOG.info("POST answered 503 in {} ms with redis-server down", took.toMillis());
        ApiClient.Answer get = api.get("/v1/sessions/" + existingSessionId, PROV);
        assertEquals(503, get.status(), get.body());
        assertEquals(503, api.delete("/v1/sessions/" + existingSessionId, PROV).status());
    }
}
