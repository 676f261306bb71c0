package io.maskgate.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.server.Gateway;
import io.maskgate.server.TestConfs;
import io.maskgate.server.config.ConfigLoader;
import io.maskgate.testing.RedisServer;
import io.maskgate.testing.RedisServerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** POST /v1/consent/revocations on a gateway with the http consent source and a real redis-server. */
@ExtendWith(RedisServerExtension.class)
class ConsentWebhookTest {

    private static final String PRIVACY_TOKEN = "test-privacy-token";
    private static final String SECRET = "webhook-secret-of-32-bytes-long!";

    @TempDir
    static Path dir;

    private static Gateway gateway;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start(RedisServer redis) throws Exception {
        Path secret = dir.resolve("webhook.secret");
        Files.writeString(secret, SECRET + "\n");
        String yaml = TestConfs.replaceOnce(TestConfs.yaml(dir, redis.uri()), "keystore:\n",
                "    - name: dpo\n      role: privacy\n      sha256: " + sha256(PRIVACY_TOKEN) + "\nkeystore:\n")
                + "consent:\n  type: http\n  http:\n    baseUrl: http://127.0.0.1:9\n"
                + "  webhook:\n    secretFile: " + secret + "\n";
        gateway = Gateway.start(ConfigLoader.parse("t", yaml).config());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void aSignedRevocationIsAppliedOnceAndItsReplayRefused() throws Exception {
        String body = "{\"subjectId\":\"rider-77\",\"purpose\":\"delivery\",\"revocationId\":\"rev-1\"}";
        String ts = Long.toString(Instant.now().getEpochSecond());
        HttpResponse<String> first = post(PRIVACY_TOKEN, ts, "v1=" + sign(ts, body), body);
        assertEquals(200, first.statusCode(), first.body());
        assertTrue(first.body().contains("\"revocationId\":\"rev-1\""), first.body());
        assertEquals(409, post(PRIVACY_TOKEN, ts, "v1=" + sign(ts, body), body).statusCode());
    }

    @Test
    void aBadSignatureOrMissingHeadersAreRefused() throws Exception {
        String body = "{\"subjectId\":\"rider-78\",\"revocationId\":\"rev-2\"}";
        String ts = Long.toString(Instant.now().getEpochSecond());
        assertEquals(401, post(PRIVACY_TOKEN, ts, "v1=" + sign(ts, body + " "), body).statusCode());
        assertEquals(400, post(PRIVACY_TOKEN, "", "", body).statusCode());
        String old = Long.toString(Instant.now().minusSeconds(3600).getEpochSecond());
        assertEquals(401, post(PRIVACY_TOKEN, old, "v1=" + sign(old, body), body).statusCode());
    }

    @Test
    void onlyThePrivacyRoleMayCallIt() throws Exception {
        String body = "{\"subjectId\":\"rider-79\",\"revocationId\":\"rev-3\"}";
        String ts = Long.toString(Instant.now().getEpochSecond());
        assertEquals(403, post(TestConfs.PROVISIONING_TOKEN, ts, "v1=" + sign(ts, body), body).statusCode());
    }

    private HttpResponse<String> post(String token, String ts, String signature, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + gateway.adminPort() + ConsentWebhookApi.PATH))
                .timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (!ts.isEmpty()) {
            request.header("X-MaskGate-Timestamp", ts).header("X-MaskGate-Signature", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sign(String ts, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal((ts + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    private static String sha256(String token) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.UTF_8)));
    }
}
