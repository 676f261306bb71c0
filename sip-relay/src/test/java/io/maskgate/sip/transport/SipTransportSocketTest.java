package io.maskgate.sip.transport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.sip.screen.InboundScreen;
import io.maskgate.sip.testing.RecordingInbound;
import io.maskgate.sip.testing.Rfc4475Corpus;
import io.maskgate.sip.testing.Rfc4475Corpus.Outcome;
import io.maskgate.sip.testing.SipProbe;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The RFC 4475 corpus over real UDP and TCP sockets on 127.0.0.1 against a started transport.
 * Each file's top Via is rewritten to the test socket first (corpus README: never send to the
 * hosts it names). After each file a valid OPTIONS must still be answered.
 */
class SipTransportSocketTest {

    /** Bounds every blocking read; never reached when the transport works. */
    private static final int READ_TIMEOUT_MS = 5_000;

    /**
     * Where TCP differs from UDP: on a stream Content-Length is required and frames the message
     * (RFC 3261 section 18.3).
     */
    private static final Map<String, Outcome> TCP_OVERRIDES = Map.of(
            "clerr.dat", Outcome.drop(), // the stream waits for 9999 octets that never come
            "inv2543.dat", Outcome.reject(400), // no Content-Length: 400 and close
            "test.dat", Outcome.drop()); // no Content-Length, and no Via/CSeq to answer

    private static final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private static final RecordingInbound app = new RecordingInbound();
    private static SipTransport transport;
    private static InetSocketAddress udp;
    private static InetSocketAddress tcp;

    @BeforeAll
    static void start() {
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        transport = SipTransport.start(SipTransportOptions.builder().udpBindAddresses(List.of(any))
                .tcpBindAddresses(List.of(any)).ioThreads(2).build(), InboundScreen.create(), app, registry);
        udp = transport.udpLocalAddresses().get(0);
        tcp = transport.tcpLocalAddresses().get(0);
    }

    @AfterAll
    static void stop() {
        transport.close();
    }

    static Stream<String> files() {
        return Rfc4475Corpus.allFiles().stream();
    }

    @ParameterizedTest(name = "udp {0}")
    @MethodSource("files")
    void corpusOverUdp(String file) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            socket.setSoTimeout(READ_TIMEOUT_MS);
            String self = "127.0.0.1:" + socket.getLocalPort();
            byte[] message = Rfc4475Corpus.rewriteTopVia(Rfc4475Corpus.load(file), self);
            socket.send(new DatagramPacket(message, message.length, udp));
            Outcome expected = Rfc4475Corpus.UDP_OUTCOMES.get(file);
            boolean answeredByGateway = expected.kind() == Outcome.Kind.PASS && isOutOfDialogOptions(message);
            if (expected.kind() == Outcome.Kind.REJECT || answeredByGateway) {
                String reply = receive(socket);
                assertEquals(answeredByGateway ? 200 : expected.status(), SipProbe.status(reply), reply);
                assertTrue(reply.contains("received=127.0.0.1"), reply);
            }
            // the next datagram is the probe's 200: proof that nothing else was sent back
            String probeId = "probe-" + UUID.randomUUID();
            byte[] probe = SipProbe.options(probeId, self, "UDP");
            socket.send(new DatagramPacket(probe, probe.length, udp));
            String reply = receive(socket);
            assertEquals(200, SipProbe.status(reply), reply);
            assertTrue(reply.contains(probeId), reply);
            assertDelivery(file, message, expected, answeredByGateway);
        }
    }

    @ParameterizedTest(name = "tcp {0}")
    @MethodSource("files")
    void corpusOverTcp(String file) throws IOException {
        Outcome expected = TCP_OVERRIDES.getOrDefault(file, Rfc4475Corpus.UDP_OUTCOMES.get(file));
        byte[] message;
        List<Integer> statuses;
        try (Socket socket = new Socket()) {
            socket.connect(tcp, READ_TIMEOUT_MS);
            socket.setSoTimeout(READ_TIMEOUT_MS);
            message = Rfc4475Corpus.rewriteTopVia(Rfc4475Corpus.load(file), "127.0.0.1:" + socket.getLocalPort());
            socket.getOutputStream().write(message);
            socket.shutdownOutput(); // the gateway answers what it read, then closes on our EOF
            statuses = statuses(readToEof(socket.getInputStream()));
        }
        boolean answeredByGateway = expected.kind() == Outcome.Kind.PASS && isOutOfDialogOptions(message);
        if (expected.kind() == Outcome.Kind.REJECT) {
            assertEquals(List.of(expected.status()), statuses);
        } else if (!file.equals("dblreq.dat")) { // dblreq's second request is a stream message of its own
            assertEquals(answeredByGateway ? List.of(200) : List.of(), statuses);
        }
        assertDelivery(file, message, expected, answeredByGateway);
        assertEquals(List.of(200), tcpProbe());
    }

    @Test
    void ipv6LoopbackAnswersOptionsOnUdpAndTcp() throws IOException {
        InetSocketAddress v6 = new InetSocketAddress("::1", 0);
        try (SipTransport t = SipTransport.start(SipTransportOptions.builder().udpBindAddresses(List.of(v6))
                .tcpBindAddresses(List.of(v6)).ioThreads(1).build(), InboundScreen.create(), app,
                new SimpleMeterRegistry());
                DatagramSocket socket = new DatagramSocket(new InetSocketAddress("::1", 0))) {
            socket.setSoTimeout(READ_TIMEOUT_MS);
            byte[] probe = SipProbe.options("v6-udp", "[::1]:" + socket.getLocalPort(), "UDP");
            socket.send(new DatagramPacket(probe, probe.length, t.udpLocalAddresses().get(0)));
            String reply = receive(socket);
            assertEquals(200, SipProbe.status(reply), reply);
            assertTrue(reply.contains("received=0:0:0:0:0:0:0:1") || reply.contains("received=[::1]")
                    || reply.contains("received=::1"), reply);
            try (Socket s = new Socket()) {
                s.connect(t.tcpLocalAddresses().get(0), READ_TIMEOUT_MS);
                s.setSoTimeout(READ_TIMEOUT_MS);
                s.getOutputStream().write(SipProbe.options("v6-tcp", "[::1]:" + s.getLocalPort(), "TCP"));
                s.shutdownOutput();
                assertEquals(List.of(200), statuses(readToEof(s.getInputStream())));
            }
        }
    }

    @Test
    void withEpollEveryLoopHasItsOwnUdpSocket() {
        assertEquals(transport.usesEpoll() ? 2 : 1, transport.udpSocketCount());
        assertEquals(1, transport.udpLocalAddresses().size());
    }

    /**
     * Header names are the sender's to choose, and jain-sip keeps every new one in a process-wide
     * cache; the transport parses before anything else looks at the sender, so a stream of fresh
     * names must not pile up (see {@code HeaderNameCacheGuard}).
     */
    @Test
    void freshHeaderNamesFromAPeerDoNotPileUp() throws Exception {
        double clearsBefore = registry.get(SipMetrics.HEADER_NAME_CACHE_CLEARS).functionCounter().count();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            socket.setSoTimeout(READ_TIMEOUT_MS);
            String self = "127.0.0.1:" + socket.getLocalPort();
            for (int i = 0; i < 9_000; i++) {
                byte[] probe = SipProbe.options("names-" + i, self, "UDP", "X-Fresh-" + Integer.toHexString(i) + ": 1\r\n");
                socket.send(new DatagramPacket(probe, probe.length, udp));
                assertEquals(200, SipProbe.status(receive(socket)));
            }
        }
        java.lang.reflect.Field cache = Class.forName("gov.nist.javax.sip.header.SIPHeaderNamesCache")
                .getDeclaredField("lowercaseMap");
        cache.setAccessible(true);
        int size = ((Map<?, ?>) cache.get(null)).size();
        assertTrue(size <= 4096, "jain-sip's header-name cache holds " + size);
        // 9,000 names in both cases make ~18,000 entries: at least four clears, each one counted
        double clears = registry.get(SipMetrics.HEADER_NAME_CACHE_CLEARS).functionCounter().count() - clearsBefore;
        assertTrue(clears >= 4, "clears counted: " + clears);
    }

    @Test
    void tcpKeepAlivePingGetsAPong() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(tcp, READ_TIMEOUT_MS);
            socket.setSoTimeout(READ_TIMEOUT_MS);
            socket.getOutputStream().write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput();
            assertEquals("\r\n", readToEof(socket.getInputStream()));
        }
    }

    @Test
    void countersSeeTheTraffic() throws IOException {
        tcpProbe();
        assertTrue(registry.get(SipMetrics.MESSAGES_RECEIVED).tag(SipMetrics.TAG_TRANSPORT, "tcp")
                .tag(SipMetrics.TAG_KIND, "request").counter().count() >= 1);
        assertTrue(registry.get(SipMetrics.RESPONSES_SENT).tag(SipMetrics.TAG_STATUS_CLASS, "2xx").counter()
                .count() >= 1);
        // every series exists from the start, with constant tag values only
        assertEquals(6, registry.find(SipMetrics.RESPONSES_SENT).counters().size());
        assertEquals(6, registry.find(SipMetrics.MALFORMED).counters().size());
        assertEquals(6, registry.find(SipMetrics.MESSAGES_RECEIVED).counters().size());
    }

    /** Passed messages reach the application (unless the gateway answered them itself); nothing else does. */
    private static void assertDelivery(String file, byte[] message, Outcome expected, boolean answeredByGateway) {
        String callId = SipProbe.callId(message);
        if (expected.kind() == Outcome.Kind.PASS && !answeredByGateway) {
            await().atMost(Duration.ofSeconds(5)).until(() -> app.received(callId));
        } else if (!callId.isEmpty()) {
            assertFalse(app.received(callId), file + " must not reach the application");
        }
    }

    private static boolean isOutOfDialogOptions(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        String to = text.lines().filter(l -> l.matches("(?i)^(to|t)\\s*:.*")).findFirst().orElse("");
        return text.startsWith("OPTIONS ") && !to.matches("(?i).*;\\s*tag\\s*=.*");
    }

    private static List<Integer> tcpProbe() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(tcp, READ_TIMEOUT_MS);
            socket.setSoTimeout(READ_TIMEOUT_MS);
            socket.getOutputStream().write(SipProbe.options("probe-" + UUID.randomUUID(),
                    "127.0.0.1:" + socket.getLocalPort(), "TCP"));
            socket.shutdownOutput();
            return statuses(readToEof(socket.getInputStream()));
        }
    }

    private static String receive(DatagramSocket socket) throws IOException {
        byte[] buf = new byte[65_535];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        socket.receive(packet);
        assertEquals(socket.getLocalAddress().getHostAddress().contains(":") ? packet.getAddress() : packet.getAddress(),
                packet.getAddress());
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.ISO_8859_1);
    }

    private static String readToEof(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static List<Integer> statuses(String stream) {
        List<Integer> out = new ArrayList<>();
        for (String line : stream.split("\r\n")) {
            if (line.startsWith("SIP/2.0 ")) {
                out.add(SipProbe.status(line));
            }
        }
        return out;
    }
}
