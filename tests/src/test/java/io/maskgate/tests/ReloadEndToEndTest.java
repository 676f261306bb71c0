package io.maskgate.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.sip.b2bua.CallMetrics;
import io.maskgate.smpp.testing.SmscStandIn;
import io.maskgate.testing.FreePorts;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
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
 * Conf reload against the jar as a process (issue 6, item 5): the conf file is edited in place and
 * reloaded over the admin API (and SIGHUP); a call in progress and an SMPP bind survive it, the new
 * limits apply, an invalid file changes nothing and names its key. One gateway; tests in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReloadEndToEndTest {

    private static final String CUSTOMER = "+919812345678";
    private static final String RIDER = "+919876543210";
    /** A proxy number in no session: the submit passes the rate limit and is refused after it. */
    private static final String UNKNOWN_PROXY = "+918099999999";
    private static final int ESME_RINVDSTADR = 0x0B;
    private static final int ESME_RTHROTTLED = 0x58;
    /** Submits sent back to back in one burst. */
    private static final int BURST = 5;
    private static final Pattern DIALOGS = Pattern.compile(
            "(?m)^" + CallMetrics.DIALOGS_ACTIVE + "(?:\\{[^}]*})? ([0-9.]+)$");

    @TempDir
    static Path work;

    private static SmscStandIn smsc;
    private static GatewayProcess gateway;
    private static GatewayAdmin admin;
    private static ShippedConf conf;
    private static SMPPSession esme;
    private static int trunkPort;

    @BeforeAll
    static void start() throws Exception {
        smsc = SmscStandIn.start("maskgate", GatewayProcess.SMSC_PASSWORD);
        trunkPort = FreePorts.tcpAndUdp();
        conf = ShippedConf.load().anyAdminPort().anySmppPort().anySipPort().sipTrunkPort(trunkPort).sipTrunkPingsOff()
                .smppUpstreamPort(smsc.port()).set("  metricsPublic: false\n", "  metricsPublic: true\n");
        gateway = GatewayProcess.start(conf.writeTo(work), work);
        admin = new GatewayAdmin(gateway);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> admin.get("/health/ready").statusCode() == 200);
    }

    @AfterAll
    static void stop() throws Exception {
        Teardown.closeAll(QuickStartEsme.unbinding(esme), gateway, smsc);
    }

    @Test
    @Order(1)
    void aCallInProgressSurvivesAReloadOfTrunkWeightsTheAclAndTheOverloadThresholds() throws Exception {
        try (HeldCall call = HeldCall.up("order-reload-1", "call")) {
            conf.set("      weight: 1\n", "      weight: 5\n")
                    .set("    - \"::1\"\n", "    - \"::1\"\n    - \"10.20.0.0/16\"\n")
                    .set("    rejectNewCallsAtQueuePercent: 25\n", "    rejectNewCallsAtQueuePercent: 40\n").writeTo(work);
            HttpResponse<String> reloaded = admin.reload();

            assertEquals(200, reloaded.statusCode(), reloaded.body());
            assertTrue(reloaded.body().contains("\"applied\":[\"sip.acl\",\"sip.overload.rejectNewCallsAtQueuePercent\","
                    + "\"sip.trunks[0].weight\"]"), reloaded.body());
            Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> gateway.output().contains("shedNewCallsPercent=40"));
            assertTrue(reloaded.body().contains("\"restartRequired\":[]"), reloaded.body());
            call.assertEndedByTheCaller();
        }
    }

    /**
     * A carrier's channel limit lowered live to the one call it has up: that call keeps its place
     * across the reload and ends normally; the next INVITE from the carrier gets 503 with Retry-After.
     */
    @Test
    @Order(2)
    void aCarrierLimitIsLiveAndTheCallInProgressKeepsItsPlace() throws Exception {
        try (HeldCall call = HeldCall.up("order-reload-2", "carrier")) {
            conf.set("      addresses: [\"127.0.0.0/8\", \"::1\"]\n      maxCalls: 0\n",
                    "      addresses: [\"127.0.0.0/8\", \"::1\"]\n      maxCalls: 1\n").writeTo(work);
            HttpResponse<String> reloaded = admin.reload();
            assertEquals(200, reloaded.statusCode(), reloaded.body());
            assertTrue(reloaded.body().contains("\"applied\":[\"sip.carriers[0].maxCalls\"]"), reloaded.body());

            try (Sipp second = Sipp.uac(work.resolve("carrier/refused"), "uac-refused-503.xml", gateway.sipUdpPort(),
                    call.proxy(), CUSTOMER)) {
                second.assertPassed(); // 503 with Retry-After, and nothing else
            }
            call.assertEndedByTheCaller();
        }
        assertTrue(admin.get("/metrics").body().contains(
                "maskgate_sip_carrier_calls_total{carrier=\"local-carrier\",result=\"limited\"} 1.0"));
        conf.set("      maxCalls: 1\n", "      maxCalls: 0\n").writeTo(work);
        assertEquals(200, admin.reload().statusCode());
    }

    @Test
    @Order(3)
    void anSmppBindSurvivesARateLimitReloadAndTheNewLimitThrottles() throws Exception {
        esme = QuickStartEsme.bind(gateway.smppPort());
        assertEquals(0, throttledOf(BURST), "the shipped limit (100/s, burst 200) throttled a burst of " + BURST);

        conf.set("      ratePerSecond: 100\n", "      ratePerSecond: 1\n").set("      burst: 200\n", "      burst: 1\n")
                .writeTo(work);
        HttpResponse<String> reloaded = admin.reload();

        assertEquals(200, reloaded.statusCode(), reloaded.body());
        assertTrue(reloaded.body().contains("\"applied\":[\"smpp.accounts[0].burst\",\"smpp.accounts[0].ratePerSecond\"]"),
                reloaded.body());
        assertTrue(esme.getSessionState().isBound(), "the reload dropped the bind");
        assertTrue(throttledOf(BURST) >= BURST - 2, "a burst of " + BURST + " at 1/s was not throttled");
    }

    @Test
    @Order(4)
    void anInvalidConfChangesNothingAndNamesTheKeyOverTheApiAndOnSighup() throws Exception {
        conf.set("      weight: 5\n", "      weight: 0\n").set("      ratePerSecond: 1\n", "      ratePerSecond: 100\n")
                .writeTo(work);
        HttpResponse<String> refused = admin.reload();

        assertEquals(422, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("sip.trunks[0].weight: "), refused.body());
        assertTrue(throttledOf(BURST) >= BURST - 2, "the invalid file's rate limit was applied");

        gateway.signalHup();
        // the API reload above logged the same refusal: the count of invalid reloads is what says the
        // SIGHUP's reload ran (and refused) too
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> admin.get("/metrics").body()
                .contains("maskgate_config_reloads_total{result=\"invalid\"} 2.0"));
        assertTrue(gateway.output().lines().filter(l -> l.contains("WARN")
                        && l.contains("conf reload refused, nothing changed: sip.trunks[0].weight")).count() >= 2,
                "both refusals logged, naming the key");
    }

    @Test
    @Order(5)
    void aChangeThatNeedsARestartIsReportedAndNotApplied() throws Exception {
        conf.set("      weight: 0\n", "      weight: 5\n").set("      ratePerSecond: 100\n", "      ratePerSecond: 1\n")
                .set("  maxBodyBytes: 65536\n", "  maxBodyBytes: 131072\n").writeTo(work);
        HttpResponse<String> reloaded = admin.reload();

        assertEquals(200, reloaded.statusCode(), reloaded.body());
        assertTrue(reloaded.body().contains("\"applied\":[]"), reloaded.body());
        assertTrue(reloaded.body().contains("\"restartRequired\":[\"admin.maxBodyBytes\"]"), reloaded.body());
    }

    /** Sends {@code count} submits back to back; returns how many were answered ESME_RTHROTTLED. */
    private static int throttledOf(int count) throws Exception {
        int throttled = 0;
        for (int i = 0; i < count; i++) {
            try {
                QuickStartEsme.submit(esme, CUSTOMER, UNKNOWN_PROXY, "hello");
            } catch (NegativeResponseException e) {
                if (e.getCommandStatus() == ESME_RTHROTTLED) {
                    throttled++;
                } else {
                    assertEquals(ESME_RINVDSTADR, e.getCommandStatus(), "unexpected refusal");
                }
            }
        }
        return throttled;
    }

    /**
     * A call from the customer to the rider through a new session, up once the gateway counts its
     * dialogs; the customer's side (uac-call-hold-bye.xml) hangs up after 3 s.
     */
    private record HeldCall(String proxy, Sipp rider, Sipp carrier) implements AutoCloseable {
        static HeldCall up(String order, String dir) throws Exception {
            String proxy = admin.createSession(order, CUSTOMER, RIDER);
            Sipp rider = Sipp.uas(work.resolve(dir + "/uas"), "uas-answer-wait-bye.xml", trunkPort, RIDER);
            Sipp carrier = Sipp.uac(work.resolve(dir + "/uac"), "uac-call-hold-bye.xml", gateway.sipUdpPort(), proxy,
                    CUSTOMER);
            HeldCall call = new HeldCall(proxy, rider, carrier);
            try {
                Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                        .until(() -> dialogsActive() == 1);
            } catch (RuntimeException e) {
                call.close();
                throw e;
            }
            return call;
        }

        /** The call went on and ended with the customer's own BYE. */
        void assertEndedByTheCaller() {
            carrier.assertPassed();
            rider.assertPassed();
        }

        @Override
        public void close() {
            carrier.close();
            rider.close();
        }
    }

    private static double dialogsActive() throws Exception {
        Matcher m = DIALOGS.matcher(admin.get("/metrics").body());
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }
}
