package io.maskgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.maskgate.server.config.ConfigLoader;
import io.maskgate.server.config.GatewayConfig;
import io.maskgate.testing.RedisServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Redis that requires AUTH, with the password in a file named by store.redis.passwordFile. */
class RedisAuthTest {
    private static final String PASSWORD = "redis-auth-e2e-pw";

    @TempDir
    Path dir;

    @Test
    void theRightPasswordFromAFileMakesTheNodeReady() throws Exception {
        try (RedisServer redis = RedisServer.startNewWithPassword(PASSWORD);
             Gateway g = Gateway.start(config(redis, PASSWORD))) {
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> ready(g) == 200);
        }
    }

    @Test
    void aWrongPasswordKeepsTheNodeUnreadyAndNeverLogsThePassword() throws Exception {
        try (RedisServer redis = RedisServer.startNewWithPassword(PASSWORD);
             Gateway g = Gateway.start(config(redis, "not-the-password"))) {
            Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                    .until(() -> ready(g) == 503);
            // the config (as logged at start) holds where the password is, never the password
            assertFalse(config(redis, "not-the-password").toString().contains("not-the-password"));
        }
    }

    private GatewayConfig config(RedisServer redis, String password) throws Exception {
        Path file = dir.resolve("redis-" + password.length() + ".pass");
        Files.writeString(file, password + "\n");
        String yaml = TestConfs.yaml(dir, redis.uri())
                .replace("    connectTimeoutMs: 200\n", "    connectTimeoutMs: 200\n    passwordFile: " + file + "\n");
        return ConfigLoader.parse("test.yaml", yaml).config();
    }

    private static int ready(Gateway g) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + g.adminPort() + "/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(r.statusCode() == 200, r.body().contains("\"ready\""), r.body());
        return r.statusCode();
    }
}
