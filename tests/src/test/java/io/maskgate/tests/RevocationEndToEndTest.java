package io.maskgate.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.StreamMessage;
import io.maskgate.core.number.PhoneNumber;
import io.maskgate.sip.policy.LeakPattern;
import io.maskgate.smpp.testing.SmscStandIn;
import io.maskgate.testing.FreePorts;
import io.maskgate.testing.RedisServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.Awaitility;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.session.SMPPSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 item 1, revocation end to end through the real webhook: two gateway jars (node A and
 * node B) share one redis-server and one key file, consent comes from an HTTP platform stand-in.
 * A call is up through node B and an SMS went through node A under a cached grant; the platform
 * withdraws consent and POSTs the signed revocation to node A. Both sipp legs of node B's call get
 * a BYE with the Reason within 1 s, node B's next call is refused 403 on the platform's fresh
 * "denied", node A's next SMS is refused with the consent-denied status, and neither the event
 * stream nor the decision logs hold a real number.
 */
class RevocationEndToEndTest {

    private static final PhoneNumber CUSTOMER = PhoneNumber.ofE164("+919812345678");
    private static final PhoneNumber RIDER = PhoneNumber.ofE164("+919876543210");
    /** GatewayAdmin.createSession names the rider so; consent is asked for the callee / recipient. */
    private static final String RIDER_ID = "rider-77";
    private static final String COUNTRY = "91";
    private static final String EVENT_STREAM = "mg:events";
    private static final String PRIVACY_TOKEN = "e2e-privacy-token-0001";
    private static final String WEBHOOK_SECRET = "e2e-webhook-secret-0123456789";
    private static final int ESME_RSUBMITFAIL = 0x45;
    private static final Duration BYE_BOUND = Duration.ofSeconds(1);
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RevocationEndToEndTest.class);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path work;

    @Test
    void aSignedRevocationOnNodeAEndsNodeBsCallAndRefusesTheNextCallAndSms() throws Exception {
        try (RedisServer redis = RedisServer.startNew();
             SmscStandIn smsc = SmscStandIn.start("maskgate", GatewayProcess.SMSC_PASSWORD);
             ConsentPlatformStandIn platform = ConsentPlatformStandIn.start(300)) {
            int trunkPort = FreePorts.tcpAndUdp();
            Files.writeString(work.resolve("webhook.secret"), WEBHOOK_SECRET);
            try (GatewayProcess nodeA = startNode("node-a", redis, smsc, platform, trunkPort, 1);
                 GatewayProcess nodeB = startNode("node-b", redis, smsc, platform, trunkPort, 2)) {
                String proxy = new GatewayAdmin(nodeA).createSession("order-rev-1", CUSTOMER.e164(), RIDER.e164());
                SMPPSession esme = QuickStartEsme.bind(nodeA.smppPort());
                try {
                    // a grant cached on node A (near cache and Redis) before the revocation
                    QuickStartEsme.submit(esme, CUSTOMER.e164(), proxy, "on my way");
                    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> smsc.submits().size() == 1);

                    revokeDuringACallOnNodeB(nodeA, nodeB, platform, proxy, trunkPort);

                    NegativeResponseException refused = assertThrows(NegativeResponseException.class,
                            () -> QuickStartEsme.submit(esme, CUSTOMER.e164(), proxy, "are you there?"));
                    assertEquals(ESME_RSUBMITFAIL, refused.getCommandStatus());
                    assertEquals(1, smsc.submits().size(), "nothing went upstream after the revocation");
                } finally {
                    esme.unbindAndClose();
                }
                // generous: each poll connects a fresh client, which takes seconds on a loaded box
                List<StreamMessage<String, String>> events = Awaitility.await().atMost(Duration.ofSeconds(30))
                        .until(() -> GatewayAdmin.events(redis.uri(), EVENT_STREAM), list -> list.stream()
                                .anyMatch(e -> "sms_refused".equals(e.getBody().get("type"))));
                Map<String, String> ended = events.stream().map(StreamMessage::getBody)
                        .filter(b -> "call_ended".equals(b.get("type"))).findFirst().orElseThrow();
                assertEquals("gateway", ended.get("hungup_by"), ended.toString());
                assertEquals("node-b", ended.get("node"), ended.toString());
                assertTrue(events.stream().map(StreamMessage::getBody).anyMatch(b -> "call_refused".equals(b.get("type"))
                        && "consent_denied".equals(b.get("reason")) && "node-b".equals(b.get("node"))), events.toString());
                assertNoRealNumberIn(events.toString());
                nodeA.stop();
                nodeB.stop();
                assertNoRealNumberIn(nodeA.output() + nodeB.output());
            }
            String logA = Files.readString(work.resolve("node-a/run/decisions.log"), StandardCharsets.UTF_8);
            String logB = Files.readString(work.resolve("node-b/run/decisions.log"), StandardCharsets.UTF_8);
            assertTrue(logB.contains("\tvoice\trefused\tconsent_denied\t"), logB);
            assertTrue(logA.contains("\tsms\trefused\tconsent_denied\t"), logA);
            assertNoRealNumberIn(logA + logB);
        }
    }

    private void revokeDuringACallOnNodeB(GatewayProcess nodeA, GatewayProcess nodeB, ConsentPlatformStandIn platform,
            String proxy, int trunkPort) throws Exception {
        try (Sipp rider = Sipp.uas(work.resolve("call/uas"), "uas-answer-wait-bye.xml", trunkPort, RIDER.e164());
             Sipp customer = Sipp.uac(work.resolve("call/uac"), "uac-call-wait-bye.xml", nodeB.sipUdpPort(), proxy,
                     CUSTOMER.e164())) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> rider.messageLogText().contains("ACK sip:"));
            int asked = platform.questions().size();

            platform.deny();
            long sent = System.nanoTime();
            HttpResponse<String> answer = postRevocation(nodeA,
                    "{\"subjectId\":\"" + RIDER_ID + "\",\"purpose\":\"delivery\",\"revocationId\":\"rev-e2e-1\"}");
            assertEquals(200, answer.statusCode(), answer.body());
            Awaitility.await().atMost(BYE_BOUND).pollInterval(Duration.ofMillis(20))
                    .until(() -> hasRevocationBye(rider) && hasRevocationBye(customer));
            long byeMillis = (System.nanoTime() - sent) / 1_000_000;
            customer.assertPassed();
            rider.assertPassed();
            LOG.info("revocation webhook on node A -> BYE on both legs of node B's call: {} ms", byeMillis);

            try (Sipp again = Sipp.uac(work.resolve("again/uac"), "uac-refused-403.xml", nodeB.sipUdpPort(), proxy,
                    CUSTOMER.e164())) {
                again.assertPassed();
                assertTrue(again.messageLogText().contains("SIP/2.0 403"), again.messageLogText());
            }
            assertTrue(platform.questions().size() > asked, "node B asked the platform again after the revocation");
        }
    }

    /** A BYE from the gateway carrying the consent-revoked Reason (RFC 3326) reached this sipp. */
    private static boolean hasRevocationBye(Sipp sipp) {
        String log = sipp.messageLogText();
        int bye = log.indexOf("BYE sip:");
        return bye >= 0 && log.indexOf("text=\"consent revoked\"", bye) > 0;
    }

    /** Starts a node and waits until it is ready and the SMSC stand-in holds {@code binds} upstream binds. */
    private GatewayProcess startNode(String node, RedisServer redis, SmscStandIn smsc, ConsentPlatformStandIn platform,
            int trunkPort, int binds) throws Exception {
        Path dir = Files.createDirectories(work.resolve(node));
        Path keys = work.resolve("shared-keys.bcfks"); // both nodes read each other's sessions
        Path conf = ShippedConf.load().anyAdminPort().anySmppPort().anySipPort().sipTrunkPort(trunkPort)
                .sipTrunkPingsOff().redisStore(redis.uri()).eventsToRedisStream().smppUpstreamPort(smsc.port())
                .set("  id: maskgate-1\n", "  id: " + node + "\n")
                .set("  file: run/maskgate.bcfks\n", "  file: " + keys + "\n")
                .set("  type: static\n", "  type: http\n")
                .set("    # baseUrl: https://consent.internal.example\n", "    baseUrl: " + platform.baseUri() + "\n")
                .set("    # secretFile: /etc/maskgate/consent-webhook.secret\n",
                        "    secretFile: " + work.resolve("webhook.secret") + "\n")
                // a loaded 2-core box (six builds at once) can take longer than the shipped 300/500 ms to
                // answer; what is tested here is the revocation, not the consent timeouts
                .set("    timeoutMs: 300\n", "    timeoutMs: 3000\n")
                .set("    sourceTimeoutMs: 500\n", "    sourceTimeoutMs: 3000\n")
                .set("    redisTimeoutMs: 250\n", "    redisTimeoutMs: 1000\n")
                .set("  tokens:\n", "  tokens:\n    - name: e2e-privacy\n      role: privacy\n      sha256: "
                        + sha256Hex(PRIVACY_TOKEN) + "\n")
                .writeTo(dir);
        GatewayProcess gateway = GatewayProcess.start(conf, dir);
        GatewayAdmin admin = new GatewayAdmin(gateway);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> admin.get("/health/ready").statusCode() == 200);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> smsc.boundSessions().size() >= binds);
        return gateway;
    }

    /** As the platform signs it: {@code v1=hex(HMAC-SHA256(secret, timestamp + "." + body))}. */
    private static HttpResponse<String> postRevocation(GatewayProcess node, String body) throws Exception {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        return HTTP.send(HttpRequest.newBuilder(node.adminUri().resolve("/v1/consent/revocations"))
                .timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + PRIVACY_TOKEN)
                .header("Content-Type", "application/json")
                .header("X-MaskGate-Timestamp", timestamp)
                .header("X-MaskGate-Signature", "v1=" + signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sha256Hex(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertNoRealNumberIn(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertFalse(LeakPattern.of(CUSTOMER, COUNTRY).foundIn(bytes), "found the customer's number");
        assertFalse(LeakPattern.of(RIDER, COUNTRY).foundIn(bytes), "found the rider's number");
    }
}
