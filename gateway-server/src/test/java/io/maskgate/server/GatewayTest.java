package io.maskgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.keystore.KeystoreException;
import io.maskgate.server.config.ConfigException;
import io.maskgate.server.testing.CapturedLogs;
import io.maskgate.testing.FreePorts;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.awaitility.Awaitility;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import io.maskgate.server.config.ConfigLoader;
import io.maskgate.server.config.GatewayConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayTest {

    @TempDir
    Path dir;

    @Test
    void createsTheKeyFileOnceAndReusesIt() {
        GatewayConfig config = TestConfs.config(dir, "");
        Path keyFile = config.keystore().file();
        try (Gateway g = Gateway.start(config)) {
            assertTrue(Files.isRegularFile(keyFile) && g.adminPort() > 0);
        }
        long size = keyFile.toFile().length();
        try (Gateway g = Gateway.start(config)) {
            assertEquals(size, keyFile.toFile().length());
            assertTrue(g.adminPort() > 0);
        }
    }

    @Test
    void refusesToStartWithoutKeyFileUnlessAllowed() {
        GatewayConfig config = ConfigLoader.parse("t", TestConfs.yaml(dir, "")
                .replace("createIfMissing: true", "createIfMissing: false")).config();
        KeystoreException e = assertThrows(KeystoreException.class, () -> Gateway.start(config));
        assertTrue(e.getMessage().contains("keystore.createIfMissing"), e.getMessage());
    }

    @Test
    void closeStopsTheAdminListenerAndIsIdempotent() {
        Gateway g = Gateway.start(TestConfs.config(dir, ""));
        int port = g.adminPort();
        assertTrue(port > 0);
        g.close();
        g.close();
        assertThrows(ConnectException.class, () -> connect(port));
    }

    @Test
    void portInUseFailsStartAndReleasesWhatWasBuilt() {
        try (Gateway first = Gateway.start(TestConfs.config(dir, ""))) {
            GatewayConfig clash = TestConfs.config(dir, "").withAdminPort(first.adminPort());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Gateway.start(clash));
            assertTrue(e.getMessage().contains("cannot bind the admin API to 127.0.0.1:" + first.adminPort()));
        }
    }

    @Test
    void smppListensAndBindsWhileItsUpstreamIsDownAndReadinessReportsIt() throws Exception {
        int closedPort = FreePorts.tcpAndUdp();
        String yaml = TestConfs.withSmpp(TestConfs.yaml(dir, ""), dir, closedPort);
        try (CapturedLogs logs = new CapturedLogs();
             Gateway g = Gateway.start(ConfigLoader.parse("t", yaml).config())) {
            int port = g.smppPort().orElseThrow();
            assertEquals(1, logs.linesContaining("SMPP relay listening on 127.0.0.1:" + port).size(), logs.lines().toString());
            SMPPSession esme = new SMPPSession();
            esme.connectAndBind("127.0.0.1", port, new BindParameter(BindType.BIND_TRX, TestConfs.ESME_SYSTEM_ID,
                    TestConfs.ESME_PASSWORD, "", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), 5_000);
            assertTrue(esme.getSessionState().isBound());
            esme.unbindAndClose();
            HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + g.adminPort() + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ready.statusCode(), ready.body());
            assertTrue(ready.body().contains("\"smpp_upstream\":\"down\""), ready.body());
            assertTrue(ready.body().contains("\"audit_log\":\"up\""), ready.body());
        }
    }

    @Test
    void sipListensAnswersOptionsAndReadinessReportsASilentTrunkWithoutGoingUnready() throws Exception {
        int silentTrunk = FreePorts.tcpAndUdp();
        String yaml = TestConfs.withSip(TestConfs.yaml(dir, ""), silentTrunk);
        try (CapturedLogs logs = new CapturedLogs();
             Gateway g = Gateway.start(ConfigLoader.parse("t", yaml).config())) {
            int udp = g.sipUdpPort().orElseThrow();
            int tcp = g.sipTcpPort().orElseThrow();
            assertEquals(1, logs.linesContaining("SIP relay listening on udp 127.0.0.1:" + udp + " and tcp 127.0.0.1:"
                    + tcp).size(), logs.lines().toString());
            assertTrue(optionsAnswer(udp).startsWith("SIP/2.0 200 OK\r\n"));
            Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + g.adminPort() + "/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, ready.statusCode(), ready.body());
                assertTrue(ready.body().contains("\"sip_trunks\":\"down\""), ready.body());
            });
        }
    }

    @Test
    void aSipPortInUseFailsStartNamingTheKeysAndReleasesWhatWasBuilt() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            String yaml = TestConfs.replaceOnce(TestConfs.withSip(TestConfs.yaml(dir, ""), 5070),
                    "  udp:\n    listen: 127.0.0.1\n    port: 0\n",
                    "  udp:\n    listen: 127.0.0.1\n    port: " + taken.getLocalPort() + "\n");
            GatewayConfig config = ConfigLoader.parse("t", yaml).config();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Gateway.start(config));
            assertTrue(e.getMessage().contains("cannot bind SIP listener") && e.getMessage().contains("sip.udp.listen/port"),
                    e.getMessage());
        }
        // what was built before SIP (decision log, store, ...) was closed again: a normal start in the same dir works
        try (Gateway g = Gateway.start(TestConfs.config(dir, ""))) {
            assertTrue(g.adminPort() > 0);
        }
    }

    @Test
    void sipDisabledBindsNothingAndSaysSo() {
        try (CapturedLogs logs = new CapturedLogs(); Gateway g = Gateway.start(TestConfs.config(dir, ""))) {
            assertTrue(g.sipUdpPort().isEmpty());
            assertEquals(1, logs.linesContaining("SIP relay disabled (sip.enabled: false)").size());
        }
    }

    /** One OPTIONS to the gateway itself over UDP (RFC 3261 section 11) and the first line of its answer. */
    private static String optionsAnswer(int port) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(5_000);
            String request = "OPTIONS sip:127.0.0.1:" + port + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + socket.getLocalPort() + ";branch=z9hG4bK-gwtest-1;rport\r\n"
                    + "Max-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1>;tag=1\r\nTo: <sip:127.0.0.1>\r\n"
                    + "Call-ID: gwtest-options-1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
            byte[] bytes = request.getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
            DatagramPacket answer = new DatagramPacket(new byte[65_535], 65_535);
            socket.receive(answer);
            return new String(answer.getData(), 0, answer.getLength(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void aMissingUpstreamPasswordStopsStartUpNamingItsKey() {
        String yaml = TestConfs.withSmpp(TestConfs.yaml(dir, ""), dir, 2776)
                .replaceFirst("      passwordFile: .*\n", "      passwordEnv: MASKGATE_TEST_UNSET_VARIABLE\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> Gateway.start(ConfigLoader.parse("t", yaml).config()));
        assertEquals("smpp.upstreams[0].passwordEnv", e.key());
        assertTrue(e.getMessage().contains("MASKGATE_TEST_UNSET_VARIABLE"), e.getMessage());
    }

    @Test
    void withoutHttpConsentTheRevocationWebhookDoesNotExist() throws Exception {
        try (Gateway g = Gateway.start(TestConfs.config(dir, ""))) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + g.adminPort() + "/v1/consent/revocations"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, r.statusCode(), r.body());
        }
    }

    @Test
    void theDecisionLogIsCreatedUnderItsConfiguredPath() {
        GatewayConfig config = TestConfs.config(dir, "");
        try (Gateway g = Gateway.start(config)) {
            assertTrue(Files.isRegularFile(config.audit().file()), config.audit().file().toString());
        }
    }

    private static void connect(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        }
    }
}
