package io.maskgate.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.sip.b2bua.CallMetrics;
import io.maskgate.smpp.testing.SmscStandIn;
import io.maskgate.testing.FreePorts;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.SMPPSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM during traffic, against the jar as a process (issue 6, item 6): established calls end
 * on their own with their own BYE while new INVITEs get 503; the submits in an ESME's window are
 * answered, every acknowledged one reached the SMSC, and the ESME is unbound; the process exits 0
 * and its decision log verifies. Each test runs its own gateway: a process is drained only once.
 */
class DrainEndToEndTest {

    private static final String CUSTOMER = "+919812345678";
    private static final String RIDER = "+919876543210";
    /** Calls up when SIGTERM lands; each holds 3 s (uac-call-hold-bye.xml). */
    private static final int CALLS = 6;
    /** Submits the ESME keeps in flight at once. */
    private static final int WINDOW = 20;
    /** Bound on each ESME thread's submits: the test stops by itself even if the drain never came. */
    private static final int MAX_SUBMITS_PER_THREAD = 200;
    private static final String SMSC_SYSTEM_ID = "maskgate";
    private static final int CID_SUBMIT_SM = 0x00000004;
    private static final Pattern DIALOGS = Pattern.compile(
            "(?m)^" + CallMetrics.DIALOGS_ACTIVE + "(?:\\{[^}]*})? ([0-9.]+)$");

    @TempDir
    Path work;

    @Test
    void sigtermLetsEveryEstablishedCallEndWithItsOwnByeRefusesNewCallsAndExitsZero() throws Exception {
        int trunkPort = FreePorts.tcpAndUdp();
        Path conf = ShippedConf.load().anyAdminPort().anySmppPort().anySipPort().sipTrunkPort(trunkPort)
                .sipTrunkPingsOff().set("  metricsPublic: false\n", "  metricsPublic: true\n")
                .set("  drainTimeoutSeconds: 30\n", "  drainTimeoutSeconds: 20\n").writeTo(work);
        try (GatewayProcess gateway = GatewayProcess.start(conf, work)) {
            GatewayAdmin admin = new GatewayAdmin(gateway);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> admin.get("/health/ready").statusCode() == 200);
            String proxy = admin.createSession("order-drain-sip", CUSTOMER, RIDER);
            int sipPort = gateway.sipUdpPort();
            try (Sipp rider = Sipp.uasCalls(work.resolve("uas"), "uas-answer-wait-bye.xml", trunkPort, RIDER, CALLS);
                 Sipp carrier = Sipp.uacCalls(work.resolve("uac"), "uac-call-hold-bye.xml", sipPort, proxy, CUSTOMER,
                         CALLS, CALLS)) {
                Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                        .until(() -> dialogsActive(admin) == CALLS);

                gateway.signalTerm();
                Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                        .until(() -> admin.get("/health/ready").statusCode() == 503);
                try (Sipp late = Sipp.uac(work.resolve("late"), "uac-refused-503.xml", sipPort, proxy, CUSTOMER)) {
                    late.assertPassed(); // 503 with Retry-After, then ACK
                }
                String keepAlive = optionsAnswer(sipPort); // a carrier's keep-alive fails over
                assertTrue(keepAlive.startsWith("SIP/2.0 503 ") && keepAlive.contains("\r\nRetry-After: "), keepAlive);
                assertTrue(gateway.isAlive(), "the gateway stopped before its calls ended");

                carrier.assertPassed(); // sipp exits 0 only when each of its calls ended with its own BYE/200
                rider.assertPassed();
            }
            assertEquals(0, gateway.awaitExit(Duration.ofSeconds(30)), gateway.output());
            assertTrue(gateway.output().contains("drain: no call in progress"), gateway.output());
        }
        assertEquals(CALLS, routedDecisions("voice"), "one decision record per routed call");
        verifyDecisionLog();
    }

    @Test
    void sigtermAnswersTheSubmitsInTheWindowLosesNoAcknowledgedSmsAndUnbindsTheEsme() throws Exception {
        try (SmscStandIn smsc = SmscStandIn.start(SMSC_SYSTEM_ID, GatewayProcess.SMSC_PASSWORD)) {
            Path conf = ShippedConf.load().anyAdminPort().anySipPort().anySmppPort().smppUpstreamPort(smsc.port())
                    .writeTo(work);
            Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
            List<SessionState> esmeStates = new CopyOnWriteArrayList<>();
            try (GatewayProcess gateway = GatewayProcess.start(conf, work)) {
                GatewayAdmin admin = new GatewayAdmin(gateway);
                Awaitility.await().atMost(Duration.ofSeconds(20))
                        .until(() -> admin.get("/health/ready").statusCode() == 200 && !smsc.boundSessions().isEmpty());
                String proxy = admin.createSession("order-drain-sms", CUSTOMER, RIDER);
                // a submit held at the SMSC is still answered in time
                SMPPSession esme = QuickStartEsme.bind(gateway.smppPort(), 15_000);
                esme.addSessionStateListener((newState, oldState, source) -> esmeStates.add(newState));

                smsc.hold(); // the window fills up while SIGTERM lands
                ExecutorService senders = Executors.newFixedThreadPool(WINDOW);
                for (int t = 0; t < WINDOW; t++) {
                    int thread = t;
                    senders.execute(() -> submitUntilRefused(esme, proxy, thread, acknowledged));
                }
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> submitsAtSmsc(smsc) >= 1);

                gateway.signalTerm();
                Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                        .until(() -> admin.get("/health/ready").statusCode() == 503);
                smsc.release();

                senders.shutdown();
                assertTrue(senders.awaitTermination(30, TimeUnit.SECONDS), "ESME threads still submitting");
                assertEquals(0, gateway.awaitExit(Duration.ofSeconds(30)), gateway.output());
            }
            assertFalse(acknowledged.isEmpty(), "no submit was acknowledged");
            Set<String> atSmsc = smsc.submits().stream()
                    .map(s -> new String(s.getShortMessage(), StandardCharsets.ISO_8859_1)).collect(Collectors.toSet());
            List<String> lost = acknowledged.stream().filter(text -> !atSmsc.contains(text)).toList();
            assertEquals(List.of(), lost, "acknowledged (ESME_ROK) but never reached the SMSC");
            assertTrue(esmeStates.contains(SessionState.UNBOUND), "the ESME was not sent unbind: " + esmeStates);
        }
        verifyDecisionLog();
    }

    /** One ESME thread: submits until the gateway refuses (throttled while draining) or the bind ends. */
    private static void submitUntilRefused(SMPPSession esme, String proxy, int thread, Queue<String> acknowledged) {
        for (int n = 0; n < MAX_SUBMITS_PER_THREAD && esme.getSessionState().isBound(); n++) {
            String text = "drain " + thread + "-" + n;
            try {
                QuickStartEsme.submit(esme, CUSTOMER, proxy, text);
                acknowledged.add(text);
            } catch (NegativeResponseException refused) {
                return; // ESME_RTHROTTLED once the drain began: the ESME would retry on another node
            } catch (Exception ended) {
                return; // the bind is going away
            }
        }
    }

    private static int submitsAtSmsc(SmscStandIn smsc) {
        return (int) smsc.receivedPdus().stream().filter(p -> ByteBuffer.wrap(p).getInt(4) == CID_SUBMIT_SM).count();
    }

    private static double dialogsActive(GatewayAdmin admin) throws Exception {
        Matcher m = DIALOGS.matcher(admin.get("/metrics").body());
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    /** Lines of the decision log for {@code channel} whose outcome is routed (fields 4 and 5 of format v1). */
    private long routedDecisions(String channel) throws Exception {
        return Files.readAllLines(work.resolve("run/decisions.log"), StandardCharsets.UTF_8).stream()
                .map(line -> line.split("\t", -1))
                .filter(f -> f.length > 5 && f[4].equals(channel) && f[5].equals("routed"))
                .count();
    }

    private void verifyDecisionLog() throws Exception {
        GatewayProcess.verifiedDecisionRecords(work);
    }

    /** One OPTIONS to the gateway itself over UDP (RFC 3261 section 11); its answer. */
    private static String optionsAnswer(int port) throws Exception {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            socket.setSoTimeout(5_000);
            String request = "OPTIONS sip:127.0.0.1:" + port + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + socket.getLocalPort() + ";branch=z9hG4bK-drain-1;rport\r\n"
                    + "Max-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1>;tag=1\r\nTo: <sip:127.0.0.1>\r\n"
                    + "Call-ID: drain-options-1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
            byte[] bytes = request.getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1", port)));
            DatagramPacket answer = new DatagramPacket(new byte[65_535], 65_535);
            socket.receive(answer);
            return new String(answer.getData(), 0, answer.getLength(), StandardCharsets.US_ASCII);
        }
    }
}
