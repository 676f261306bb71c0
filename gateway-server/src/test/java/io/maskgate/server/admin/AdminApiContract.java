package io.maskgate.server.admin;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.maskgate.core.number.PhoneNumber;
import io.maskgate.server.Gateway;
import io.maskgate.server.TestConfs;
import io.maskgate.server.config.GatewayConfig;
import io.maskgate.server.testing.CapturedLogs;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The admin API's HTTP contract, run by a real HTTP client against an in-process gateway. Each
 * subclass starts the gateway with one store type in {@code @BeforeAll} through {@link #startGateway}.
 * The last test checks that no real number used by any test reached a response or a log line.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class AdminApiContract {

    static final String PROV = TestConfs.PROVISIONING_TOKEN;
    static final String OPS = TestConfs.OPERATIONS_TOKEN;

    private static final AtomicLong NEXT_NUMBER = new AtomicLong(10_000_000);
    /** Every real (participant) number any test sent, E.164. */
    static final Set<String> NUMBERS_USED = ConcurrentHashMap.newKeySet();

    static Gateway gateway;
    static ApiClient api;
    static CapturedLogs logs;

    static void startGateway(GatewayConfig config) {
        logs = new CapturedLogs();
        gateway = Gateway.start(config);
        api = new ApiClient(gateway.adminPort());
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
        if (logs != null) {
            logs.close();
        }
    }

    /** A fresh Indian mobile number (+9198xxxxxxxx) no other test uses. */
    static String newNumber() {
        String n = "+9198" + NEXT_NUMBER.getAndIncrement();
        NUMBERS_USED.add(n);
        return n;
    }

    static String body(String pool, String numberA, String numberB) {
        return """
                {"purpose":"delivery","ttlSeconds":7200,"reference":"order-991","pool":"%s",
                 "participants":[{"id":"cust-123","number":"%s"},{"id":"rider-77","number":"%s"}]}
                """.formatted(pool, numberA, numberB);
    }

    static ApiClient.Answer create(String a, String b) {
        return api.post("/v1/sessions", PROV, body("default", a, b));
    }

    @Test
    void createAnswers201WithSessionProxyAndExpiry() {
        Instant before = Instant.now();
        ApiClient.Answer r = create(newNumber(), newNumber());
        assertEquals(201, r.status(), r.body());
        JsonNode j = r.json();
        assertTrue(j.get("sessionId").asText().matches("[A-Za-z0-9_-]{1,64}"), r.body());
        assertTrue(j.get("proxyNumber").asText().matches("\\+918000000\\d{3}"), r.body());
        Instant expires = Instant.parse(j.get("expiresAt").asText());
        assertTrue(!expires.isBefore(before.plusSeconds(7200 - 5)) && expires.isBefore(Instant.now().plusSeconds(7201)),
                r.body());
        assertEquals("/v1/sessions/" + j.get("sessionId").asText(), r.header("Location").orElseThrow());
        assertEquals("application/json", r.header("Content-Type").orElseThrow());
    }

    @Test
    void getShowsTheSessionWithMaskedNumbers() {
        String a = newNumber();
        String b = newNumber();
        JsonNode created = create(a, b).json();
        ApiClient.Answer r = api.get("/v1/sessions/" + created.get("sessionId").asText(), PROV);
        assertEquals(200, r.status(), r.body());
        JsonNode j = r.json();
        assertAll(
                () -> assertEquals(created.get("sessionId"), j.get("sessionId")),
                () -> assertEquals("delivery", j.get("purpose").asText()),
                () -> assertEquals("order-991", j.get("reference").asText()),
                () -> assertEquals(created.get("proxyNumber"), j.get("proxyNumber")),
                () -> assertEquals("cust-123", j.get("participants").get(0).get("id").asText()),
                () -> assertEquals(PhoneNumber.ofE164(a).masked(), j.get("participants").get(0).get("number").asText()),
                () -> assertEquals("+9198******" + a.substring(a.length() - 2),
                        j.get("participants").get(0).get("number").asText()),
                () -> assertEquals("rider-77", j.get("participants").get(1).get("id").asText()),
                () -> assertEquals(PhoneNumber.ofE164(b).masked(), j.get("participants").get(1).get("number").asText()),
                () -> assertEquals(created.get("expiresAt"), j.get("expiresAt")),
                () -> Instant.parse(j.get("createdAt").asText()),
                () -> assertFalse(r.body().contains(a.substring(1)) || r.body().contains(b.substring(1)), r.body()));
    }

    @Test
    void deleteClosesTheSessionAndGetStillShowsItClosedWithItsReason() {
        JsonNode created = create(newNumber(), newNumber()).json();
        assertEquals("open", created.get("status").asText());
        assertEquals("both", created.get("mode").asText());
        String id = created.get("sessionId").asText();

        ApiClient.Answer closed = api.delete("/v1/sessions/" + id, PROV);

        assertEquals(200, closed.status(), closed.body());
        assertEquals("closed", closed.json().get("status").asText());
        assertEquals("api", closed.json().get("closeReason").asText());
        Instant.parse(closed.json().get("closedAt").asText());
        ApiClient.Answer after = api.get("/v1/sessions/" + id, PROV);
        assertEquals(200, after.status(), after.body());
        assertEquals(closed.json(), after.json());
        assertEquals(closed.json(), api.delete("/v1/sessions/" + id, PROV).json(), "a second close changes nothing");
        assertEquals(404, api.delete("/v1/sessions/8badf00d-AAAAAAAAAAAAAAAAAAAAAA", PROV).status());
    }

    @Test
    void modeAndSlidingTtlAreTakenAndShown() {
        String body = body("default", newNumber(), newNumber())
                .replace("\"pool\"", "\"mode\":\"sms\",\"slidingTtlSeconds\":600,\"pool\"");
        ApiClient.Answer r = api.post("/v1/sessions", PROV, body);
        assertEquals(201, r.status(), r.body());
        assertEquals("sms", r.json().get("mode").asText());
        JsonNode shown = api.get("/v1/sessions/" + r.json().get("sessionId").asText(), PROV).json();
        assertEquals(600, shown.get("slidingTtlSeconds").asInt());
        assertEquals("open", shown.get("status").asText());
        Instant created = Instant.parse(shown.get("createdAt").asText());
        assertEquals(created.plusSeconds(600), Instant.parse(shown.get("activeUntil").asText()));
    }

    @Test
    void aBadModeOrSlidingTtlIs400NamingTheField() {
        String base = body("default", newNumber(), newNumber());
        ApiClient.Answer mode = api.post("/v1/sessions", PROV, base.replace("\"pool\"", "\"mode\":\"fax\",\"pool\""));
        assertEquals(400, mode.status(), mode.body());
        assertTrue(mode.body().contains("mode"), mode.body());
        ApiClient.Answer sliding = api.post("/v1/sessions", PROV,
                base.replace("\"pool\"", "\"slidingTtlSeconds\":7201,\"pool\""));
        assertEquals(400, sliding.status(), sliding.body());
        assertTrue(sliding.body().contains("slidingTtlSeconds"), sliding.body());
    }

    @Test
    void unknownOrMalformedSessionIdIs404() {
        assertEquals(404, api.get("/v1/sessions/no-such-session", PROV).status());
        assertEquals(404, api.get("/v1/sessions/bad%21id", PROV).status());
    }

    @Test
    void missingTokenIs401WithChallengeAndCounted() {
        double before = authFailures("missing");
        ApiClient.Answer r = api.post("/v1/sessions", "", body("default", newNumber(), newNumber()));
        assertEquals(401, r.status());
        assertEquals("Bearer realm=\"maskgate\"", r.header("WWW-Authenticate").orElseThrow());
        assertEquals("unauthorized", r.json().get("error").asText());
        assertEquals(before + 1, authFailures("missing"));
    }

    @Test
    void unknownTokenIs401AndCounted() {
        double before = authFailures("unknown");
        ApiClient.Answer r = api.get("/v1/sessions/abc", "not-a-known-token");
        assertEquals(401, r.status());
        assertTrue(r.header("WWW-Authenticate").orElseThrow().contains("error=\"invalid_token\""));
        assertEquals(before + 1, authFailures("unknown"));
    }

    @Test
    void knownTokenWithWrongRoleIs403AndCounted() {
        double before = authFailures("forbidden");
        ApiClient.Answer r = api.post("/v1/sessions", OPS, body("default", newNumber(), newNumber()));
        assertEquals(403, r.status());
        assertEquals("forbidden", r.json().get("error").asText());
        assertEquals(403, api.get("/metrics", PROV).status());
        assertEquals(before + 2, authFailures("forbidden"));
    }

    static Stream<Arguments> badBodies() {
        String a = newNumber();
        String b = newNumber();
        String two = "[{\"id\":\"cust-1\",\"number\":\"" + a + "\"},{\"id\":\"rider-1\",\"number\":\"" + b + "\"}]";
        return Stream.of(
                Arguments.of("{\"purpose\":", "body: not valid JSON"),
                Arguments.of("[1,2]", "body: must be a JSON object"),
                Arguments.of("", "body: is required"),
                Arguments.of("{\"participants\":" + two + "}", "purpose: is required"),
                Arguments.of("{\"purpose\":\"d\",\"ttlSeconds\":0,\"participants\":" + two + "}",
                        "ttlSeconds: must be between 1 and 86400, was 0"),
                Arguments.of("{\"purpose\":\"d\",\"ttlSeconds\":86401,\"participants\":" + two + "}",
                        "ttlSeconds: must be between 1 and 86400, was 86401"),
                Arguments.of("{\"purpose\":\"d\",\"ttlSeconds\":\"soon\",\"participants\":" + two + "}",
                        "ttlSeconds: must be an integer"),
                Arguments.of("{\"purpose\":\"d\"}", "participants: is required"),
                Arguments.of("{\"purpose\":\"d\",\"participants\":[{\"id\":\"x\",\"number\":\"" + a + "\"}]}",
                        "participants: must hold exactly two participants, held 1"),
                Arguments.of("{\"purpose\":\"d\",\"participants\":[{\"id\":\"x\",\"number\":\"" + a
                        + "\"},{\"id\":\"y\",\"number\":\"+91 98 12\"}]}",
                        "participants[1].number: not a valid phone number (too_short)"),
                Arguments.of("{\"purpose\":\"d\",\"participants\":[{\"id\":\"x\",\"number\":\"" + a
                        + "\"},{\"id\":\"y\",\"number\":\"" + a + "\"}]}",
                        "participants[1].number: must differ from participants[0].number"),
                Arguments.of("{\"purpose\":\"d\",\"participants\":[{\"id\":\"x\",\"number\":\"" + a
                        + "\"},{\"id\":\"y\"}]}", "participants[1].number: is required"),
                Arguments.of("{\"purpose\":\"d\",\"participants\":[{\"id\":\"" + a.substring(1) + "\",\"number\":\"" + a
                        + "\"},{\"id\":\"y\",\"number\":\"" + b + "\"}]}",
                        "participants[0].id: must be a pseudonymous id, not a phone number"),
                Arguments.of("{\"purpose\":\"d\",\"pool\":\"nope\",\"participants\":" + two + "}", "pool: no such pool"),
                Arguments.of("{\"purpose\":\"d\",\"ttl\":5,\"participants\":" + two + "}", "ttl: unknown field"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badBodies")
    void badInputIs400NamingTheField(String body, String expected) {
        ApiClient.Answer r = api.post("/v1/sessions", PROV, body);
        assertEquals(400, r.status(), r.body());
        assertEquals("invalid_request", r.json().get("error").asText());
        assertTrue(r.json().get("message").asText().startsWith(expected), r.body());
    }

    @Test
    void bodyOverTheLimitIs413() {
        byte[] big = new byte[70 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        ApiClient.Answer r = api.post("/v1/sessions", PROV, big);
        assertEquals(413, r.status());
        assertEquals("body_too_large", r.json().get("error").asText());
        // the connection and the server still serve the next request
        assertEquals(200, api.get("/health/live", "").status());
    }

    @Test
    void exhaustedPoolIs409() {
        String a = newNumber();
        ApiClient.Answer first = api.post("/v1/sessions", PROV, body("tiny", a, newNumber()));
        assertEquals(201, first.status(), first.body());
        assertEquals(TestConfs.TINY_POOL_NUMBER, first.json().get("proxyNumber").asText());
        ApiClient.Answer second = api.post("/v1/sessions", PROV, body("tiny", a, newNumber()));
        assertEquals(409, second.status(), second.body());
        assertEquals("pool_exhausted", second.json().get("error").asText());
    }

    @Test
    void unknownRouteIs404AndWrongMethodIs405WithAllow() {
        ApiClient.Answer notFound = api.get("/v2/nothing", PROV);
        assertEquals(404, notFound.status());
        assertEquals("not_found", notFound.json().get("error").asText());
        ApiClient.Answer put = api.method("PUT", "/v1/sessions", PROV);
        assertEquals(405, put.status());
        assertEquals("POST", put.header("Allow").orElseThrow());
        assertEquals("DELETE, GET", api.method("PATCH", "/v1/sessions/abc", PROV).header("Allow").orElseThrow());
    }

    @Test
    void healthNeedsNoToken() {
        assertEquals(200, api.get("/health/live", "").status());
        ApiClient.Answer ready = api.get("/health/ready", "");
        assertEquals(200, ready.status(), ready.body());
        assertEquals("ready", ready.json().get("status").asText());
    }

    @Test
    void metricsNeedTheOperationsRoleAndListOurMeters() {
        create(newNumber(), newNumber());
        api.get("/v1/sessions/x", "");
        api.get("/nowhere", "");
        assertEquals(401, api.get("/metrics", "").status());
        ApiClient.Answer r = api.get("/metrics", OPS);
        assertEquals(200, r.status());
        assertTrue(r.header("Content-Type").orElseThrow().startsWith("text/plain"));
        for (String expected : expectedMetrics()) {
            assertTrue(r.body().contains(expected), "missing " + expected);
        }
    }

    /** Names every /metrics answer must show; subclasses add their store's. */
    List<String> expectedMetrics() {
        return List.of(
                "maskgate_admin_requests_total{route=\"/v1/sessions\",status=\"201\"}",
                "maskgate_admin_requests_total{route=\"/v1/sessions/{id}\",status=\"401\"}",
                "maskgate_admin_auth_failures_total{reason=\"missing\"}",
                "maskgate_admin_requests_total{route=\"unmatched\",status=\"404\"}",
                "maskgate_admin_auth_failures_total{reason=\"unknown\"}",
                "maskgate_admin_auth_failures_total{reason=\"forbidden\"}",
                "maskgate_admin_request_seconds_count{route=\"/v1/sessions\"}",
                "jvm_memory_used_bytes",
                "jvm_gc_",
                "process_uptime_seconds");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void noRealNumberInAnyResponseOrLogLine() {
        // one more full round with the error paths that are most tempted to echo input
        String a = newNumber();
        String b = newNumber();
        String id = create(a, b).json().get("sessionId").asText();
        api.get("/v1/sessions/" + id, PROV);
        api.post("/v1/sessions", PROV, body("default", a, a));
        api.post("/v1/sessions", PROV, body("default", a, a + "0"));
        api.post("/v1/sessions", PROV, body("default", a, b).replace("\"pool\"", "\"" + a + "\""));
        api.post("/v1/sessions", PROV, "{\"purpose\":\"d\",\"participants\":[" + a + "]}");
        api.post("/v1/sessions", PROV, "{\"purpose\": \"" + a);
        api.delete("/v1/sessions/" + id, PROV);
        List<String> everything = Stream.concat(api.transcript().stream(), logs.lines().stream()).toList();
        assertTrue(everything.size() > 20, "too little traffic to prove anything: " + everything.size());
        for (String number : NUMBERS_USED) {
            String national = number.substring(3);
            for (String text : everything) {
                assertFalse(text.contains(national), "a real number leaked: " + text);
            }
        }
    }

    static double authFailures(String reason) {
        Counter c = gateway.registry().find(AdminMetrics.AUTH_FAILURES).tag("reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    static Duration elapsedSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }
}
