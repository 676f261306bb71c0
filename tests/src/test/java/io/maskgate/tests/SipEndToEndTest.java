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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SIP relay end to end, as ops run it: the gateway jar as a process on the shipped conf
 * (Redis store, events to a Redis stream, SIP on 127.0.0.1), a real redis-server, sipp as the
 * carrier (uac) and sipp as the callee trunk (uas). A session is created over the admin API; the
 * customer calls the proxy number and reaches the rider. One gateway for the class; the tests run
 * in order (Redis keeps nothing across its restart in test 4) and the last one stops the gateway
 * and checks what it left behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SipEndToEndTest {

    private static final PhoneNumber CUSTOMER = PhoneNumber.ofE164("+919812345678");
    private static final PhoneNumber RIDER = PhoneNumber.ofE164("+919876543210");
    /** A proxy number in no session (and in no pool): routing has nothing to resolve. */
    private static final String UNKNOWN_PROXY = "+918099999999";
    private static final String COUNTRY = "91";
    private static final String EVENT_STREAM = "mg:events";
    /** The shipped conf's sip.retryAfterSeconds. */
    private static final Pattern RETRY_AFTER = Pattern.compile("(?m)^Retry-After:\\s*10\\b");
    /** Long enough for an INVITE the gateway wrongly forwarded to reach the trunk on loopback. */
    private static final Duration QUIET = Duration.ofMillis(500);

    @TempDir
    static Path work;

    private static RedisServer redis;
    private static GatewayProcess gateway;
    private static GatewayAdmin admin;
    private static int sipPort;
    private static int trunkPort;
    private static String proxy;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.startNew();
        trunkPort = FreePorts.tcpAndUdp();
        Path conf = ShippedConf.load().anyAdminPort().anySmppPort().anySipPort().sipTrunkPort(trunkPort)
                .sipTrunkPingsOff().redisStore(redis.uri()).eventsToRedisStream().writeTo(work);
        gateway = GatewayProcess.start(conf, work);
        sipPort = gateway.sipUdpPort();
        admin = new GatewayAdmin(gateway);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> admin.get("/health/ready").statusCode() == 200);
        proxy = admin.createSession("order-sip-1", CUSTOMER.e164(), RIDER.e164());
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    @Order(1)
    void theCustomerCallsTheProxyAndReachesTheRiderAndNeitherHearsTheOthersNumber() {
        try (Sipp rider = Sipp.uas(work.resolve("call/uas"), "uas-answer-wait-bye.xml", trunkPort, RIDER.e164());
             Sipp carrier = Sipp.uac(work.resolve("call/uac"), "uac-call-bye.xml", sipPort, proxy, CUSTOMER.e164())) {
            carrier.assertPassed();
            rider.assertPassed();

            byte[] riderSaw = rider.messageLog();
            byte[] carrierSaw = carrier.messageLog();
            // the checks below can see numbers: each side's log holds its own number and the proxy
            assertTrue(found(RIDER, riderSaw) && found(PhoneNumber.ofE164(proxy), riderSaw), rider.output());
            assertTrue(found(CUSTOMER, carrierSaw), carrier.output());
            assertFalse(found(CUSTOMER, riderSaw), "the rider's trunk saw the customer's number");
            assertFalse(found(RIDER, carrierSaw), "the carrier saw the rider's number");
        }
    }

    @Test
    @Order(2)
    void aCallToAProxyWithoutASessionGets404AndTheTrunkHearsNothing() {
        try (Sipp rider = Sipp.uas(work.resolve("nosession/uas"), "uas-answer-wait-bye.xml", trunkPort, RIDER.e164());
             Sipp carrier = Sipp.uac(work.resolve("nosession/uac"), "uac-refused-404.xml", sipPort, UNKNOWN_PROXY,
                     CUSTOMER.e164())) {
            carrier.assertPassed();

            assertTrue(carrier.messageLogText().contains("SIP/2.0 404"), carrier.messageLogText());
            assertTrunkHearsNothing(rider);
        }
    }

    @Test
    @Order(3)
    void theEventStreamShowsTheCallAndTheRefusalAndNoRealNumber() {
        // generous: each poll connects a fresh client, which takes seconds on a loaded 2-core box
        List<StreamMessage<String, String>> events = Awaitility.await().atMost(Duration.ofSeconds(15))
                .until(() -> GatewayAdmin.events(redis.uri(), EVENT_STREAM), list -> hasType(list, "call_attempted")
                        && hasType(list, "call_refused") && hasType(list, "call_connected") && hasType(list, "call_ended"));
        Map<String, String> refused = events.stream().map(StreamMessage::getBody)
                .filter(b -> "call_refused".equals(b.get("type"))).findFirst().orElseThrow();
        assertEquals("no_session", refused.get("reason"));
        assertEquals("voice", refused.get("channel"));
        Map<String, String> connected = firstOfType(events, "call_connected");
        assertEquals(proxy, connected.get("proxy"));
        assertEquals("local-carrier", connected.get("carrier"), connected.toString());
        assertEquals("local-trunk", connected.get("trunk"), connected.toString());
        Map<String, String> ended = firstOfType(events, "call_ended");
        assertEquals(connected.get("session"), ended.get("session"));
        // uac-call-bye.xml: the carrier's caller sends the BYE
        assertEquals("caller", ended.get("hungup_by"), ended.toString());
        assertEquals("local-trunk", ended.get("trunk"), ended.toString());
        assertTrue(Long.parseLong(ended.get("duration_ms")) >= 0, ended.toString());
        assertNoRealNumberIn(events.toString());
    }

    @Test
    @Order(4)
    void withRedisDownACallGets503WithRetryAfterAndTheTrunkHearsNothing() {
        redis.stop();
        try (Sipp rider = Sipp.uas(work.resolve("redisdown/uas"), "uas-answer-wait-bye.xml", trunkPort, RIDER.e164());
             Sipp carrier = Sipp.uac(work.resolve("redisdown/uac"), "uac-refused-503.xml", sipPort, proxy,
                     CUSTOMER.e164())) {
            carrier.assertPassed();

            String carrierSaw = carrier.messageLogText();
            assertTrue(carrierSaw.contains("SIP/2.0 503"), carrierSaw);
            assertTrue(RETRY_AFTER.matcher(carrierSaw).find(), carrierSaw);
            assertTrunkHearsNothing(rider);
        } finally {
            redis.start();
        }
    }

    @Test
    @Order(5)
    void afterShutdownTheDecisionLogVerifiesAndNothingHoldsARealNumber() throws Exception {
        gateway.stop();

        int records = GatewayProcess.verifiedDecisionRecords(work);
        // routed, no session, store unavailable: each decision was drained to disk at shutdown
        assertTrue(records >= 3, records + " records");
        assertNoRealNumberIn(Files.readString(work.resolve("run/decisions.log"), StandardCharsets.UTF_8));
        assertNoRealNumberIn(gateway.output());
    }

    /** The trunk's sipp gets no message at all within {@link #QUIET} after the refusal. */
    private static void assertTrunkHearsNothing(Sipp trunk) {
        Awaitility.await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> trunk.messageLog().length == 0);
    }

    private static boolean found(PhoneNumber number, byte[] log) {
        return LeakPattern.of(number, COUNTRY).foundIn(log);
    }

    /** Any spelling (E.164, without +, national, trunk 0, 00, separators): see {@link LeakPattern}. */
    private static void assertNoRealNumberIn(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertFalse(found(CUSTOMER, bytes), "found the customer's number");
        assertFalse(found(RIDER, bytes), "found the rider's number");
    }

    private static Map<String, String> firstOfType(List<StreamMessage<String, String>> events, String type) {
        return events.stream().map(StreamMessage::getBody).filter(b -> type.equals(b.get("type"))).findFirst()
                .orElseThrow();
    }

    private static boolean hasType(List<StreamMessage<String, String>> events, String type) {
        return events.stream().anyMatch(e -> type.equals(e.getBody().get("type")));
    }
}
