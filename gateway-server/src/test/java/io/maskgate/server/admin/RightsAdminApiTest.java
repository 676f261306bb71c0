package io.maskgate.server.admin;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.maskgate.server.Gateway;
import io.maskgate.server.TestConfs;
import io.maskgate.server.config.ConfigLoader;
import io.maskgate.server.config.GatewayConfig;
import io.maskgate.server.testing.CapturedLogs;
import io.maskgate.testing.RedisServer;
import io.maskgate.testing.RedisServerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data principal rights, audit and break-glass over the real admin HTTP server of an in-process
 * gateway, with a real redis-server and decision-log file.
 */
@ExtendWith(RedisServerExtension.class)
class RightsAdminApiTest {

    static final String PROV = TestConfs.PROVISIONING_TOKEN;
    static final String OPS = TestConfs.OPERATIONS_TOKEN;
    static final String DPO = "test-privacy-token";
    static final String AUDITOR = "test-audit-token";
    static final String GLASS = "test-break-glass-token";
    static final Map<String, String> ROLES = new LinkedHashMap<>();

    static {
        ROLES.put("none", "");
        ROLES.put("provisioning", PROV);
        ROLES.put("operations", OPS);
        ROLES.put("privacy", DPO);
        ROLES.put("audit", AUDITOR);
        ROLES.put("break-glass", GLASS);
    }

    private static final AtomicLong NEXT = new AtomicLong(30_000_000);
    private static final List<String> NUMBERS = new ArrayList<>();

    @TempDir
    static Path dir;
    static Gateway gateway;
    static ApiClient api;
    static CapturedLogs logs;

    @BeforeAll
    static void start(RedisServer redis) {
        String yaml = TestConfs.yaml(dir, redis.uri());
        yaml = TestConfs.replaceOnce(yaml, "    - name: ops\n", """
                    - name: dpo-desk
                      role: privacy
                      sha256: %s
                    - name: auditor
                      role: audit
                      sha256: %s
                    - name: oncall-lead
                      role: break-glass
                      sha256: %s
                    - name: ops
                """.formatted(sha256(DPO), sha256(AUDITOR), sha256(GLASS)));
        yaml += "events:\n  type: redis-stream\nprivacy:\n  retention:\n    intervalSeconds: 0\n";
        GatewayConfig config = ConfigLoader.parse("rights.yaml", yaml).config();
        logs = new CapturedLogs();
        gateway = Gateway.start(config);
        api = new ApiClient(gateway.adminPort());
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/health/ready", "").status() == 200);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (logs != null) {
            logs.close();
        }
    }

    @Test
    void accessListsMaskedSessionsThenErasureLeavesNothingAndTheLogStillVerifies() throws Exception {
        String a = number();
        String b = number();
        JsonNode created = create("cust-erase-1", a, "rider-erase-1", b);
        String id = created.get("sessionId").asText();
        create("cust-erase-1", number(), "rider-erase-2", number());

        ApiClient.Answer access = api.get("/v1/subjects/cust-erase-1/sessions", DPO);
        assertEquals(200, access.status(), access.body());
        JsonNode sessions = access.json().get("sessions");
        assertEquals(2, sessions.size(), access.body());
        assertEquals("active", sessions.get(0).get("status").asText());
        assertTrue(sessions.get(0).get("proxyNumber").asText().contains("*"), access.body());
        assertEquals(403, api.get("/v1/subjects/cust-erase-1/sessions", PROV).status());

        ApiClient.Answer erased = api.post("/v1/subjects/cust-erase-1/erasure", DPO, "");
        assertEquals(200, erased.status(), erased.body());
        JsonNode counts = erased.json().get("counts");
        assertEquals(2, counts.get("sessionsFound").asInt(), erased.body());
        assertEquals(2, counts.get("sessionsDeleted").asInt(), erased.body());
        assertEquals(access.json().get("subject").asText(), erased.json().get("subject").asText());
        assertFalse(erased.body().contains("cust-erase-1"), "the answer names the subject by its token only");

        assertEquals(404, api.get("/v1/sessions/" + id, PROV).status());
        assertEquals(0, api.get("/v1/subjects/cust-erase-1/sessions", DPO).json().get("sessions").size());

        ApiClient.Answer verify = api.get("/v1/audit/verify", AUDITOR);
        assertEquals(200, verify.status(), verify.body());
        assertTrue(verify.json().get("ok").asBoolean(), verify.body());
        long last = verify.json().get("lastSeq").asLong();
        ApiClient.Answer export = api.get("/v1/audit/export?from=1&to=" + last, AUDITOR);
        assertEquals(200, export.status(), export.body());
        List<String> actions = new ArrayList<>();
        export.json().get("entries").forEach(e -> {
            if ("action".equals(e.get("kind").asText())) {
                actions.add(e.get("action").asText() + " " + e.get("actor").asText());
            }
        });
        assertTrue(actions.contains("access dpo-desk") && actions.contains("erasure dpo-desk"), actions.toString());
        assertFalse(Files.readString(dir.resolve("audit/decisions.log"),
                StandardCharsets.UTF_8).contains("cust-erase-1"));
    }

    @Test
    void breakGlassRevealNeedsTheRoleAndAReasonWithoutNumbersAndIsLogged() {
        String a = number();
        String b = number();
        String id = create("cust-glass-1", a, "rider-glass-1", b).get("sessionId").asText();
        String path = "/v1/sessions/" + id + "?reveal=true";
        Map<String, String> reason = Map.of("X-Break-Glass-Reason", "police request ref ABC, ticket INC-42");

        assertEquals(403, api.get(path, PROV, reason).status());
        assertEquals(400, api.get(path, GLASS).status(), "no reason");
        assertEquals(400, api.get(path, GLASS, Map.of("X-Break-Glass-Reason", "call back " + a)).status());
        assertEquals(400, api.get(path, GLASS, Map.of("X-Break-Glass-Reason", "x".repeat(201))).status());
        ApiClient.Answer masked = api.get("/v1/sessions/" + id, GLASS);
        assertEquals(200, masked.status());
        assertFalse(masked.body().contains(a), "without reveal=true break-glass sees masked numbers");

        ApiClient.Answer revealed = api.get(path, GLASS, reason);
        assertEquals(200, revealed.status(), revealed.body());
        assertTrue(revealed.body().contains(a) && revealed.body().contains(b), revealed.body());

        List<String> warn = logs.linesContaining("BREAK-GLASS");
        assertEquals(1, warn.size(), warn.toString());
        assertTrue(warn.get(0).contains("oncall-lead") && warn.get(0).contains(id), warn.get(0));
        ApiClient.Answer verify = api.get("/v1/audit/verify", AUDITOR);
        long last = verify.json().get("lastSeq").asLong();
        JsonNode entries = api.get("/v1/audit/export?from=1&to=" + last, AUDITOR).json().get("entries");
        boolean logged = false;
        for (JsonNode e : entries) {
            logged |= "break-glass".equals(e.path("action").asText()) && id.equals(e.get("target").asText())
                    && e.get("detail").asText().contains("ticket INC-42") && "oncall-lead".equals(e.get("actor").asText());
        }
        assertTrue(logged, entries.toString());
    }

    /** Every route with every role: no real number in any answer but the break-glass reveal's. */
    @Test
    void noRoleButBreakGlassSeesARealNumberOnAnyRoute() {
        String a = number();
        String b = number();
        JsonNode created = create("cust-routes-1", a, "rider-routes-1", b);
        String id = created.get("sessionId").asText();
        api.get("/v1/subjects/cust-routes-1/sessions", DPO);
        long last = api.get("/v1/audit/verify", AUDITOR).json().get("lastSeq").asLong();
        Map<String, String> reason = Map.of("X-Break-Glass-Reason", "fraud review");
        List<String> checked = new ArrayList<>();
        boolean revealSeen = false;
        for (Map.Entry<String, String> role : ROLES.entrySet()) {
            String token = role.getValue();
            List<ApiClient.Answer> answers = new ArrayList<>();
            answers.add(api.post("/v1/sessions", token, body("cust-routes-x", number(), "rider-routes-x", number())));
            answers.add(api.get("/v1/sessions/" + id, token, reason));
            answers.add(api.get("/v1/subjects/cust-routes-1/sessions", token));
            answers.add(api.get("/v1/audit/verify", token));
            answers.add(api.get("/v1/audit/export?from=1&to=" + last, token));
            answers.add(api.get("/health/live", token));
            answers.add(api.get("/health/ready", token));
            answers.add(api.get("/metrics", token));
            answers.add(api.post("/v1/subjects/cust-routes-x/erasure", token, ""));
            for (ApiClient.Answer answer : answers) {
                assertNoNumber(role.getKey(), answer);
                checked.add(role.getKey() + " " + answer.status());
            }
            ApiClient.Answer reveal = api.get("/v1/sessions/" + id + "?reveal=true", token, reason);
            if (role.getKey().equals("break-glass")) {
                assertTrue(reveal.body().contains(a), reveal.body());
                revealSeen = true;
            } else {
                assertNoNumber(role.getKey(), reveal);
            }
        }
        assertTrue(revealSeen);
        assertEquals(ROLES.size() * 9, checked.size());
        for (String line : logs.lines()) {
            for (String n : NUMBERS) {
                assertFalse(line.contains(n.substring(1)), "log line holds a number: " + line);
            }
        }
    }

    private static void assertNoNumber(String role, ApiClient.Answer answer) {
        for (String n : NUMBERS) {
            assertFalse(answer.body().contains(n.substring(3)), role + " saw a real number: " + answer.body());
        }
    }

    private static JsonNode create(String idA, String a, String idB, String b) {
        ApiClient.Answer r = api.post("/v1/sessions", PROV, body(idA, a, idB, b));
        assertEquals(201, r.status(), r.body());
        return r.json();
    }

    private static String body(String idA, String a, String idB, String b) {
        return """
                {"purpose":"delivery","ttlSeconds":7200,"reference":"order-1","pool":"default",
                 "participants":[{"id":"%s","number":"%s"},{"id":"%s","number":"%s"}]}
                """.formatted(idA, a, idB, b);
    }

    private static synchronized String number() {
        String n = "+9198" + NEXT.getAndIncrement();
        NUMBERS.add(n);
        return n;
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
