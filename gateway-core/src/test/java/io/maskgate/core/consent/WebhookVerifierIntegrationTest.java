package io.maskgate.core.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.maskgate.core.consent.WebhookResult.Status;
import io.maskgate.core.routing.Channel;
import io.maskgate.keystore.KeyRing;
import io.maskgate.testing.MutableClock;
import io.maskgate.testing.RedisServer;
import io.maskgate.testing.RedisServerExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisServerExtension.class)
class WebhookVerifierIntegrationTest {

    private static final byte[] SECRET = "a-shared-secret-of-32-bytes-long".getBytes(StandardCharsets.US_ASCII);
    private static final String BODY =
            "{\"subjectId\":\"cust-123\",\"purpose\":\"delivery\",\"channel\":\"voice\",\"revocationId\":\"rev-42\"}";

    private final KeyRing keys = KeyRing.forTesting(new SecureRandom());
    /** On a whole second, so that "300 s ago" in unix seconds is exactly the tolerance. */
    private final MutableClock clock = new MutableClock(java.time.Instant.ofEpochSecond(java.time.Instant.now().getEpochSecond()));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<TestRedis> connections = new ArrayList<>();
    private RedisServer redis;

    @BeforeEach
    void setUp(RedisServer server) {
        redis = server;
        try (RedisClient client = RedisClient.create(server.uri());
             StatefulRedisConnection<String, String> c = client.connect()) {
            c.sync().flushall();
        }
    }

    @AfterEach
    void tearDown() {
        connections.forEach(TestRedis::close);
    }

    /** A verifier as one gateway node holds it, on its own Redis connection. */
    private WebhookVerifier node() {
        TestRedis connection = new TestRedis(redis);
        connections.add(connection);
        return new WebhookVerifier(() -> SECRET, WebhookVerifier.DEFAULT_TOLERANCE, connection, keys, clock, registry);
    }

    private String now() {
        return Long.toString(clock.instant().getEpochSecond());
    }

    private static String sign(String timestamp, String body, byte[] secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return "v1=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    private static WebhookResult verify(WebhookVerifier v, String timestamp, String signature, String body) {
        return v.verify(Optional.ofNullable(timestamp), Optional.ofNullable(signature),
                body.getBytes(StandardCharsets.UTF_8)).join();
    }

    private double rejected(String reason) {
        return registry.get(ConsentMetrics.WEBHOOK_REJECTED).tag(ConsentMetrics.TAG_REASON, reason).counter().count();
    }

    @Test
    void aGoodWebhookYieldsTheRevocation() throws Exception {
        String ts = now();
        WebhookResult result = verify(node(), ts, sign(ts, BODY, SECRET), BODY);

        assertEquals(Status.OK, result.status());
        assertEquals(new Revocation("cust-123", Optional.of("delivery"), Optional.of(Channel.VOICE), "rev-42"),
                result.revocation().orElseThrow());
    }

    @Test
    void nullPurposeAndChannelMeanEverything() throws Exception {
        String body = "{\"subjectId\":\"cust-9\",\"purpose\":null,\"channel\":null,\"revocationId\":\"r\"}";
        String ts = now();
        assertEquals(Revocation.all("cust-9", "r"), verify(node(), ts, sign(ts, body, SECRET), body).revocation().orElseThrow());
    }

    @Test
    void aWrongSecretOrAnEditedBodyIsABadSignature() throws Exception {
        WebhookVerifier v = node();
        String ts = now();
        byte[] other = "another-secret-of-32-bytes-long!".getBytes(StandardCharsets.US_ASCII);

        assertEquals(Status.BAD_SIGNATURE, verify(v, ts, sign(ts, BODY, other), BODY).status());
        assertEquals(Status.BAD_SIGNATURE, verify(v, ts, sign(ts, BODY, SECRET), BODY.replace("voice", "sms")).status());
        String later = Long.toString(Long.parseLong(ts) + 1);
        assertEquals(Status.BAD_SIGNATURE, verify(v, later, sign(ts, BODY, SECRET), BODY).status());
        assertEquals(3.0, rejected("bad_signature"));
    }

    @Test
    void anOldOrFutureTimestampIsStale() throws Exception {
        WebhookVerifier v = node();
        String old = Long.toString(clock.instant().minusSeconds(301).getEpochSecond());
        String future = Long.toString(clock.instant().plusSeconds(301).getEpochSecond());
        String edge = Long.toString(clock.instant().minusSeconds(300).getEpochSecond());

        assertEquals(Status.STALE, verify(v, old, sign(old, BODY, SECRET), BODY).status());
        assertEquals(Status.STALE, verify(v, future, sign(future, BODY, SECRET), BODY).status());
        assertEquals(Status.OK, verify(v, edge, sign(edge, BODY, SECRET), BODY).status());
    }

    @Test
    void aReplayIsRefusedOnTheSameNodeAndOnAnotherNode() throws Exception {
        WebhookVerifier a = node();
        WebhookVerifier b = node();
        String ts = now();
        String signature = sign(ts, BODY, SECRET);

        assertEquals(Status.OK, verify(a, ts, signature, BODY).status());
        assertEquals(Status.REPLAY, verify(a, ts, signature, BODY).status());
        assertEquals(Status.REPLAY, verify(b, ts, signature.toUpperCase().replace("V1=", "v1="), BODY).status());
        assertEquals(2.0, rejected("replay"));
    }

    @Test
    void malformedHeadersAndBodiesAreMalformed() throws Exception {
        WebhookVerifier v = node();
        String ts = now();
        String noSubject = "{\"purpose\":\"delivery\",\"revocationId\":\"r\"}";
        String badChannel = "{\"subjectId\":\"c\",\"channel\":\"fax\",\"revocationId\":\"r\"}";

        assertEquals(Status.MALFORMED, verify(v, null, sign(ts, BODY, SECRET), BODY).status());
        assertEquals(Status.MALFORMED, verify(v, ts, null, BODY).status());
        assertEquals(Status.MALFORMED, verify(v, "yesterday", sign(ts, BODY, SECRET), BODY).status());
        assertEquals(Status.MALFORMED, verify(v, ts, sign(ts, BODY, SECRET).substring(3), BODY).status());
        assertEquals(Status.MALFORMED, verify(v, ts, sign(ts, noSubject, SECRET), noSubject).status());
        assertEquals(Status.MALFORMED, verify(v, ts, sign(ts, badChannel, SECRET), badChannel).status());
        assertEquals(6.0, rejected("malformed"));
    }

    @Test
    void withRedisDownTheReplayCheckIsLocalAndTheRevocationStillGoesThrough() throws Exception {
        WebhookVerifier v = node();
        redis.stop();
        try {
            String ts = now();
            String signature = sign(ts, BODY, SECRET);
            assertEquals(Status.OK, verify(v, ts, signature, BODY).status());
            assertEquals(Status.REPLAY, verify(v, ts, signature, BODY).status());
        } finally {
            redis.start();
        }
    }

    @Test
    void aShortSecretIsRefusedAtConstruction() {
        TestRedis connection = new TestRedis(redis);
        connections.add(connection);
        assertThrows(IllegalStateException.class, () -> new WebhookVerifier(() -> new byte[8],
                Duration.ofSeconds(300), connection, keys, clock, registry));
    }
}
