package io.maskgate.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.StreamMessage;
import io.maskgate.smpp.testing.SmscStandIn;
import io.maskgate.testing.RedisServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.session.SMPPSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SMPP relay end to end, as ops run it: the gateway jar as a process on the shipped conf
 * (Redis store, events to a Redis stream), a real redis-server, a jsmpp SMSC stand-in as the
 * upstream and a jsmpp ESME binding with the quick-start account. One gateway for the class; the
 * tests run in order and the last one stops it and checks what it left behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SmppEndToEndTest {

    private static final String CUSTOMER = "+919812345678";
    private static final String RIDER = "+919876543210";
    /** A proxy number in no session (and in no pool): routing has nothing to resolve. */
    private static final String UNKNOWN_PROXY = "+918099999999";
    private static final String SMSC_SYSTEM_ID = "maskgate"; // the shipped upstream's system_id
    private static final String EVENT_STREAM = "mg:events";
    private static final int ESME_RINVDSTADR = 0x0B;
    private static final int ESME_RSYSERR = 0x08;

    @TempDir
    static Path work;

    private static RedisServer redis;
    private static SmscStandIn smsc;
    private static GatewayProcess gateway;
    private static GatewayAdmin admin;
    private static SMPPSession esme;
    private static String proxy;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.startNew();
        smsc = SmscStandIn.start(SMSC_SYSTEM_ID, GatewayProcess.SMSC_PASSWORD);
        Path conf = ShippedConf.load().anyAdminPort().anySipPort().anySmppPort().redisStore(redis.uri()).eventsToRedisStream()
                .smppUpstreamPort(smsc.port()).writeTo(work);
        gateway = GatewayProcess.start(conf, work);
        admin = new GatewayAdmin(gateway);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> admin.get("/health/ready").statusCode() == 200);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !smsc.boundSessions().isEmpty());
        proxy = admin.createSession("order-smpp-1", CUSTOMER, RIDER);
        esme = QuickStartEsme.bind(gateway.smppPort());
    }

    @AfterAll
    static void stop() throws Exception {
        Teardown.closeAll(QuickStartEsme.unbinding(esme), gateway, smsc, redis);
    }

    @Test
    @Order(1)
    void aSubmitToTheProxyReachesTheRiderFromTheProxy() throws Exception {
        String messageId = QuickStartEsme.submit(esme, CUSTOMER, proxy, "your rider is here");

        assertFalse(messageId.isBlank());
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> smsc.submits().size() == 1);
        SubmitSm upstream = smsc.submits().get(0);
        assertEquals(proxy.substring(1), upstream.getSourceAddr());
        assertEquals(RIDER.substring(1), upstream.getDestAddress());
        assertEquals("your rider is here", new String(upstream.getShortMessage(), StandardCharsets.ISO_8859_1));
        assertNotEquals(smsc.submitIds().get(0), messageId, "the ESME gets our id, not the SMSC's");
    }

    @Test
    @Order(2)
    void aSubmitToAProxyWithoutASessionIsRefusedAndNothingGoesUpstream() {
        int before = smsc.submits().size();
        NegativeResponseException refused = assertThrows(NegativeResponseException.class,
                () -> QuickStartEsme.submit(esme, CUSTOMER, UNKNOWN_PROXY, "hello?"));
        assertEquals(ESME_RINVDSTADR, refused.getCommandStatus());
        assertEquals(before, smsc.submits().size());
    }

    @Test
    @Order(3)
    void theEventStreamShowsTheRelayAndTheRefusalAndNoRealNumber() {
        List<StreamMessage<String, String>> events = Awaitility.await().atMost(Duration.ofSeconds(15))
                .until(() -> GatewayAdmin.events(redis.uri(), EVENT_STREAM),
                        list -> hasType(list, "sms_refused") && hasType(list, "sms_relayed"));
        Map<String, String> refused = events.stream().map(StreamMessage::getBody)
                .filter(b -> "sms_refused".equals(b.get("type"))).findFirst().orElseThrow();
        assertEquals("no_session", refused.get("reason"));
        assertEquals("sms", refused.get("channel"));
        Map<String, String> relayed = events.stream().map(StreamMessage::getBody)
                .filter(b -> "sms_relayed".equals(b.get("type"))).findFirst().orElseThrow();
        assertEquals("sms", relayed.get("channel"));
        assertEquals(proxy, relayed.get("proxy"));
        assertFalse(relayed.get("session").isEmpty(), relayed.toString());
        // billing per ESME account and per upstream SMSC: the quick-start names of both
        assertEquals("quickstart", relayed.get("esme"), relayed.toString());
        assertEquals("local-smsc", relayed.get("smsc"), relayed.toString());
        assertNoRealNumberIn(events.toString());
    }

    @Test
    @Order(4)
    void withRedisDownASubmitIsRefusedAsASystemError() throws Exception {
        int before = smsc.submits().size();
        redis.stop();
        try {
            NegativeResponseException refused = assertThrows(NegativeResponseException.class,
                    () -> QuickStartEsme.submit(esme, CUSTOMER, proxy, "are you there?"));
            assertEquals(ESME_RSYSERR, refused.getCommandStatus());
            assertEquals(before, smsc.submits().size());
        } finally {
            redis.start();
        }
    }

    @Test
    @Order(5)
    void afterShutdownTheDecisionLogVerifiesAndNothingHoldsARealNumber() throws Exception {
        esme.unbindAndClose();
        esme = null;
        gateway.stop();

        int records = GatewayProcess.verifiedDecisionRecords(work);
        // routed, no session, store unavailable: each decision was drained to disk at shutdown
        assertTrue(records >= 3, records + " records");
        assertNoRealNumberIn(Files.readString(work.resolve("run/decisions.log"), StandardCharsets.UTF_8));
        assertNoRealNumberIn(gateway.output());
    }

    /** Every spelling ops might grep for: E.164, without +, national, with trunk 0. */
    private static void assertNoRealNumberIn(String text) {
        for (String number : List.of(CUSTOMER, RIDER)) {
            String national = number.substring(3);
            for (String spelling : List.of(number, number.substring(1), national, "0" + national)) {
                assertFalse(text.contains(spelling), "found a real number (" + spelling.length() + " digits)");
            }
        }
    }

    private static boolean hasType(List<StreamMessage<String, String>> events, String type) {
        return events.stream().anyMatch(e -> type.equals(e.getBody().get("type")));
    }
}
