package io.maskgate.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.testing.RedisServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway jar as a real process, driven over its admin API by a real HTTP client, with the
 * shipped conf (memory store) and with a real redis-server that is stopped and started under it.
 */
class AdminApiEndToEndTest {
    private static final String PROVISIONING = "Bearer mg-quickstart-provisioning";
    private static final String CUSTOMER = "+919812345678";
    private static final String RIDER = "+919876543210";
    private static final Pattern SESSION_ID = Pattern.compile("\"sessionId\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path work;

    @Test
    void theQuickStartConfServesTheReadmeExample() throws Exception {
        Path conf = ShippedConf.load().anyAdminPort().anySipPort().writeTo(work);
        try (GatewayProcess gateway = GatewayProcess.start(conf, work)) {
            HttpResponse<String> created = post(gateway, sessionBody("order-991"));
            assertEquals(201, created.statusCode(), created.body());
            assertTrue(created.body().contains("\"proxyNumber\":\"+918000000"), created.body());
            String id = sessionId(created);

            HttpResponse<String> shown = send(gateway, "GET", "/v1/sessions/" + id, null);
            assertEquals(200, shown.statusCode(), shown.body());
            assertTrue(shown.body().contains("+9198******78"), shown.body());

            HttpResponse<String> closed = send(gateway, "DELETE", "/v1/sessions/" + id, null);
            assertEquals(200, closed.statusCode(), closed.body());
            assertTrue(closed.body().contains("\"closeReason\":\"api\""), closed.body());
            HttpResponse<String> after = send(gateway, "GET", "/v1/sessions/" + id, null);
            assertTrue(after.body().contains("\"status\":\"closed\""), after.body());
            assertEquals(200, send(gateway, "GET", "/health/ready", null).statusCode());

            assertNoRealNumberIn(gateway.output() + created.body() + shown.body());
        }
    }

    @Test
    void aLostRedisAnswers503QuicklyAndTheGatewayRecoversWithoutARestart() throws Exception {
        try (RedisServer redis = RedisServer.startNew()) {
            Path conf = ShippedConf.load().anyAdminPort().anySipPort().redisStore(redis.uri()).writeTo(work);
            try (GatewayProcess gateway = GatewayProcess.start(conf, work)) {
                Awaitility.await().atMost(Duration.ofSeconds(15))
                        .until(() -> send(gateway, "GET", "/health/ready", null).statusCode() == 200);
                assertEquals(201, post(gateway, sessionBody("order-1")).statusCode());

                redis.stop();
                long start = System.nanoTime();
                HttpResponse<String> refused = post(gateway, sessionBody("order-2"));
                long tookMs = (System.nanoTime() - start) / 1_000_000;
                assertEquals(503, refused.statusCode(), refused.body());
                assertTrue(refused.headers().firstValue("Retry-After").isPresent(), "Retry-After");
                // generous bound for a loaded CI box; the store's own timeout is 250 ms
                assertTrue(tookMs < 2_000, "503 took " + tookMs + " ms");
                assertEquals(503, send(gateway, "GET", "/health/ready", null).statusCode());

                redis.start();
                Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                        .until(() -> post(gateway, sessionBody("order-3")).statusCode() == 201);
                assertEquals(200, send(gateway, "GET", "/health/ready", null).statusCode());
                assertTrue(gateway.isAlive());
                assertNoRealNumberIn(gateway.output());
            }
        }
    }

    @Test
    void anInvalidConfStopsStartUpNamingTheKey() throws Exception {
        Path conf = ShippedConf.load().anyAdminPort()
                .set("    commandTimeoutMs: 250\n", "    commandTimeoutMs: 0\n").writeTo(work);

        GatewayProcess.Finished run = GatewayProcess.runToExit(work, "--conf", conf.toString());

        assertEquals(2, run.exitCode(), run.output());
        assertTrue(run.output().contains("store.redis.commandTimeoutMs"), run.output());
    }

    @Test
    void validateChecksAConfWithoutStarting() throws Exception {
        Path good = ShippedConf.load().writeTo(work);
        assertEquals(0, GatewayProcess.runToExit(work, "validate", "--conf", good.toString()).exitCode());

        Path bad = ShippedConf.load().set("  defaultCountryCode: 91\n", "  defaultCountryCode: 0\n").writeTo(work);
        GatewayProcess.Finished run = GatewayProcess.runToExit(work, "validate", "--conf", bad.toString());
        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.output().contains("numbers.defaultCountryCode"), run.output());
    }

    private HttpResponse<String> post(GatewayProcess gateway, String body) throws IOException, InterruptedException {
        return send(gateway, "POST", "/v1/sessions", body);
    }

    private HttpResponse<String> send(GatewayProcess gateway, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.adminUri() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", PROVISIONING)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sessionBody(String reference) {
        return "{\"purpose\":\"delivery\",\"ttlSeconds\":7200,\"reference\":\"" + reference + "\",\"pool\":\"default\","
                + "\"participants\":[{\"id\":\"cust-123\",\"number\":\"" + CUSTOMER + "\"},"
                + "{\"id\":\"rider-77\",\"number\":\"" + RIDER + "\"}]}";
    }

    private static String sessionId(HttpResponse<String> created) {
        Matcher m = SESSION_ID.matcher(created.body());
        assertTrue(m.find(), created.body());
        return m.group(1);
    }

    /** Every spelling ops might grep for: E.164, without +, national, with trunk 0. */
    private static void assertNoRealNumberIn(String text) {
        for (String number : List.of(CUSTOMER, RIDER)) {
            String national = number.substring(3);
            for (String spelling : List.of(number, number.substring(1), national, "0" + national)) {
                assertFalse(text.contains(spelling), "found a real number (" + spelling.length() + " digits) in output");
            }
        }
    }
}
