package io.maskgate.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.StreamMessage;
import io.maskgate.core.number.PhoneNumber;
import io.maskgate.sip.policy.LeakPattern;
import io.maskgate.testing.FreePorts;
import io.maskgate.testing.RedisServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 item 4, the out-of-session caller, against the jar on the shipped conf: with
 * {@code sessions.outOfSession.sip: redirect} a stranger calling a session's proxy number reaches
 * the fallback line, which sees the proxy number as caller id and nothing of the stranger or the
 * participants; with {@code respond} and {@code sipStatus: 480} the stranger gets 480.
 */
class OutOfSessionEndToEndTest {

    private static final PhoneNumber CUSTOMER = PhoneNumber.ofE164("+919812345678");
    private static final PhoneNumber RIDER = PhoneNumber.ofE164("+919876543210");
    /** Not a participant of any session. */
    private static final PhoneNumber STRANGER = PhoneNumber.ofE164("+919900011122");
    /** The support line; not in any pool. */
    private static final PhoneNumber SUPPORT = PhoneNumber.ofE164("+918000999000");
    private static final String COUNTRY = "91";
    private static final String EVENT_STREAM = "mg:events";

    @TempDir
    Path work;

    @Test
    void aStrangerIsRedirectedToTheFallbackLineWhichSeesOnlyTheProxyNumber() throws Exception {
        try (RedisServer redis = RedisServer.startNew()) {
            int trunkPort = FreePorts.tcpAndUdp();
            Path conf = ShippedConf.load().anyAdminPort().anySmppPort().anySipPort().sipTrunkPort(trunkPort)
                    .sipTrunkPingsOff().redisStore(redis.uri()).eventsToRedisStream()
                    .set("    sip: respond\n", "    sip: redirect\n")
                    .set("    # fallbackNumber: \"+918000999000\"\n", "    fallbackNumber: \"" + SUPPORT.e164() + "\"\n")
                    .writeTo(work);
            GatewayProcess gateway = GatewayProcess.start(conf, work);
            try {
                GatewayAdmin admin = new GatewayAdmin(gateway);
                Awaitility.await().atMost(Duration.ofSeconds(20))
                        .until(() -> admin.get("/health/ready").statusCode() == 200);
                String proxy = admin.createSession("order-oos-1", CUSTOMER.e164(), RIDER.e164());

                try (Sipp support = Sipp.uas(work.resolve("fallback/uas"), "uas-answer-wait-bye.xml", trunkPort,
                        SUPPORT.e164());
                     Sipp stranger = Sipp.uac(work.resolve("fallback/uac"), "uac-call-bye.xml",
                             gateway.sipUdpPort(), proxy, STRANGER.e164())) {
                    stranger.assertPassed();
                    support.assertPassed();

                    String supportSaw = support.messageLogText();
                    assertTrue(Pattern.compile("(?m)^INVITE sip:" + Pattern.quote(SUPPORT.e164()) + "@")
                            .matcher(supportSaw).find(), supportSaw);
                    assertTrue(Pattern.compile("(?m)^From: <sip:" + Pattern.quote(proxy) + "@")
                            .matcher(supportSaw).find(), "the fallback line sees the proxy number: " + supportSaw);
                    byte[] wire = support.messageLog();
                    assertFalse(found(STRANGER, wire), "the fallback line saw the caller's number");
                    assertFalse(found(CUSTOMER, wire) || found(RIDER, wire), "the fallback line saw a participant");
                    byte[] strangerWire = stranger.messageLog();
                    assertFalse(found(CUSTOMER, strangerWire) || found(RIDER, strangerWire),
                            "the caller saw a participant's number");
                }

                // generous: each poll connects a fresh client, which takes seconds on a loaded box
                List<StreamMessage<String, String>> events = Awaitility.await().atMost(Duration.ofSeconds(30))
                        .until(() -> GatewayAdmin.events(redis.uri(), EVENT_STREAM),
                                list -> list.stream().anyMatch(e -> "call_attempted".equals(e.getBody().get("type"))));
                Map<String, String> attempted = events.stream().map(StreamMessage::getBody)
                        .filter(b -> "call_attempted".equals(b.get("type"))).findFirst().orElseThrow();
                assertEquals("true", attempted.get("fallback"), attempted.toString());
                assertEquals("no_session", attempted.get("reason"), attempted.toString());
                assertEquals(proxy, attempted.get("proxy"), attempted.toString());
                assertFalse(attempted.containsKey("session") || attempted.containsKey("caller")
                        || attempted.containsKey("callee"), attempted.toString());
                assertNoRealNumberIn(events.toString());
            } finally {
                gateway.stop();
            }
            String log = Files.readString(work.resolve("run/decisions.log"), StandardCharsets.UTF_8);
            assertTrue(Pattern.compile("\tvoice\tfallback\tno_session\t").matcher(log).find(), log);
            assertNoRealNumberIn(log);
            assertFalse(found(SUPPORT, log.getBytes(StandardCharsets.UTF_8)), "the decision log names the fallback");
            assertNoRealNumberIn(gateway.output());
        }
    }

    @Test
    void respondWith480AnswersTheStranger480WithTheConfiguredPhrase() throws Exception {
        int trunkPort = FreePorts.tcpAndUdp();
        Path conf = ShippedConf.load().anyAdminPort().anySmppPort().anySipPort().sipTrunkPort(trunkPort)
                .sipTrunkPingsOff()
                .set("    sipStatus: 404\n", "    sipStatus: 480\n")
                .set("    # sipReason: Not Reachable\n", "    sipReason: Not Reachable\n")
                .writeTo(work);
        try (GatewayProcess gateway = GatewayProcess.start(conf, work)) {
            GatewayAdmin admin = new GatewayAdmin(gateway);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> admin.get("/health/ready").statusCode() == 200);
            String proxy = admin.createSession("order-oos-2", CUSTOMER.e164(), RIDER.e164());

            try (Sipp trunk = Sipp.uas(work.resolve("respond/uas"), "uas-answer-wait-bye.xml", trunkPort,
                    RIDER.e164());
                 Sipp stranger = Sipp.uac(work.resolve("respond/uac"), "uac-refused-480.xml", gateway.sipUdpPort(),
                         proxy, STRANGER.e164())) {
                stranger.assertPassed();
                assertTrue(stranger.messageLogText().contains("SIP/2.0 480 Not Reachable"), stranger.messageLogText());
                Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                        .until(() -> trunk.messageLog().length == 0);
            }
        }
    }

    private static boolean found(PhoneNumber number, byte[] log) {
        return LeakPattern.of(number, COUNTRY).foundIn(log);
    }

    private static void assertNoRealNumberIn(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertFalse(found(CUSTOMER, bytes), "found the customer's number");
        assertFalse(found(RIDER, bytes), "found the rider's number");
        assertFalse(found(STRANGER, bytes), "found the caller's number");
    }
}
