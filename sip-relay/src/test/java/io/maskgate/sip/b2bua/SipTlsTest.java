package io.maskgate.sip.b2bua;

import static io.maskgate.sip.b2bua.RelayFixture.CALLER;
import static io.maskgate.sip.b2bua.RelayFixture.PROXY;
import static io.maskgate.sip.b2bua.RelayFixture.awaitCalls;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.keystore.tls.TlsMaterial;
import io.maskgate.sip.policy.LeakPattern;
import io.maskgate.sip.transport.SipMetrics;
import io.maskgate.sip.transport.SipTlsOptions;
import io.maskgate.sip.transport.SipTransportType;
import io.maskgate.testing.TestPki;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIP over TLS with real TLS peers on 127.0.0.1: a carrier on an SSLSocket, a callee trunk on an
 * SSLServerSocket, and a throwaway PKI made in the test.
 */
class SipTlsTest {

    @TempDir
    static Path dir;
    static TestPki pki;

    @BeforeAll
    static void makePki() {
        pki = TestPki.create(dir.resolve("pki"));
    }

    private static SipTlsOptions tls(SipTlsOptions.ClientAuth clientAuth) {
        return SipTlsOptions.builder(TlsMaterial.load(pki.serverCertificate, pki.serverKey,
                        Optional.of(pki.caCertificate)))
                .bindAddresses(List.of(new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("::1", 0)))
                .clientAuth(clientAuth)
                .build();
    }

    private static RelayFixture relay(SipTlsOptions.ClientAuth clientAuth, SipTransportType trunkTransport) {
        return new RelayFixture(B2buaOptions.builder().ringTimeout(Duration.ofSeconds(5)).build(), null, List.of(),
                t -> t.transport(trunkTransport), t -> t.tls(tls(clientAuth)));
    }

    private static int tlsPort(RelayFixture f) {
        return f.relay.transport().tlsLocalAddresses().get(0).getPort();
    }

    private static SSLContext client(Path certificate, Path key) {
        return TlsMaterial.load(certificate, key, Optional.of(pki.caCertificate)).sslContext();
    }

    private static String options(int fromPort, int toPort) {
        return "OPTIONS sips:127.0.0.1:" + toPort + " SIP/2.0\n"
                + "Via: SIP/2.0/TLS 127.0.0.1:" + fromPort + ";branch=z9hG4bK-opt-" + fromPort + ";rport\n"
                + "Max-Forwards: 70\nFrom: <sips:carrier@127.0.0.1>;tag=o1\nTo: <sips:127.0.0.1>\n"
                + "Call-ID: tls-options-" + fromPort + "\nCSeq: 1 OPTIONS\nContent-Length: 0\n\n";
    }

    @Test
    void anOptionsOverTlsIsAnswered200() throws IOException {
        try (RelayFixture f = relay(SipTlsOptions.ClientAuth.NONE, SipTransportType.UDP);
                TlsPeer carrier = new TlsPeer(client(pki.clientCertificate, pki.clientKey), tlsPort(f))) {
            carrier.send(options(carrier.localPort(), tlsPort(f)));
            String answer = carrier.receive();
            assertTrue(answer.startsWith("SIP/2.0 200 "), answer);
            assertTrue(answer.contains("Via: SIP/2.0/TLS "), answer);
        }
    }

    @Test
    void theTlsListenerAlsoServesIpv6() throws IOException {
        try (RelayFixture f = relay(SipTlsOptions.ClientAuth.NONE, SipTransportType.UDP)) {
            InetSocketAddress v6 = f.relay.transport().tlsLocalAddresses().get(1);
            assertTrue(v6.getAddress() instanceof java.net.Inet6Address, v6.toString());
            try (TlsPeer carrier = new TlsPeer(client(pki.clientCertificate, pki.clientKey), v6)) {
                carrier.send(options(carrier.localPort(), v6.getPort()));
                assertTrue(carrier.receive().startsWith("SIP/2.0 200 "));
            }
        }
    }

    @Test
    void withClientAuthRequiredOnlyACertificateFromTheTrustedCaGetsIn() throws IOException {
        try (RelayFixture f = relay(SipTlsOptions.ClientAuth.REQUIRED, SipTransportType.UDP)) {
            // TLS 1.3: the client's handshake ends before the server checked its certificate, so the
            // refusal shows at the first read
            assertThrows(IOException.class, () -> {
                try (TlsPeer rogue = new TlsPeer(client(pki.rogueClientCertificate, pki.rogueClientKey), tlsPort(f))) {
                    rogue.send(options(rogue.localPort(), tlsPort(f)));
                    rogue.receive();
                }
            });
            assertThrows(IOException.class, () -> {
                try (TlsPeer anonymous = new TlsPeer(TlsMaterial.trustOnly(Optional.of(pki.caCertificate))
                        .sslContext(), tlsPort(f))) {
                    anonymous.send(options(anonymous.localPort(), tlsPort(f)));
                    anonymous.receive();
                }
            });
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() ->
                    f.registry.get(SipMetrics.TLS_HANDSHAKE_FAILURES).counter().count() == 2.0);
            try (TlsPeer carrier = new TlsPeer(client(pki.clientCertificate, pki.clientKey), tlsPort(f))) {
                carrier.send(options(carrier.localPort(), tlsPort(f)));
                assertTrue(carrier.receive().startsWith("SIP/2.0 200 "));
            }
        }
    }

    @Test
    void aCallComesInOverTlsAndGoesOutOverTls() throws IOException {
        SSLContext trunkContext = TlsMaterial.load(pki.serverCertificate, pki.serverKey, Optional.empty()).sslContext();
        try (RelayFixture f = relay(SipTlsOptions.ClientAuth.NONE, SipTransportType.TLS);
                ScriptedStream trunk = new ScriptedStream(trunkContext.getServerSocketFactory(), f.trunkPort, 10_000);
                TlsPeer carrier = new TlsPeer(client(pki.clientCertificate, pki.clientKey), tlsPort(f))) {
            int gw = tlsPort(f);
            int me = carrier.localPort();
            String dialog = "From: <sip:" + CALLER.e164() + "@127.0.0.1>;tag=c1\n"
                    + "Call-ID: tls-call-1\n";
            carrier.send("INVITE sips:" + PROXY.e164() + "@127.0.0.1:" + gw + " SIP/2.0\n"
                    + "Via: SIP/2.0/TLS 127.0.0.1:" + me + ";branch=z9hG4bK-tls-inv;rport\n"
                    + "Max-Forwards: 70\n" + dialog + "To: <sips:" + PROXY.e164() + "@127.0.0.1>\n"
                    + "CSeq: 1 INVITE\nContact: <sip:127.0.0.1:" + me + ";transport=tls>\n"
                    + "Content-Length: 0\n\n");

            String invite = trunk.receive().orElseThrow(() -> new AssertionError("no INVITE over TLS"));
            assertTrue(invite.contains("Via: SIP/2.0/TLS 127.0.0.1:" + gw + ";"), invite);
            assertTrue(invite.contains(";transport=tls>"), "our Contact names TLS: " + invite);
            trunk.send(ScriptedUdp.response(invite, 200, "OK", "callee-1")
                    .replace("Content-Length: 0", "Contact: <sip:127.0.0.1:" + f.trunkPort + ";transport=tls>\n"
                            + "Content-Length: 0"));

            String ok = carrier.receiveStarting("SIP/2.0 200");
            assertTrue(TlsPeer.header(ok, "Contact").contains(";transport=tls"), ok);
            String toWithTag = TlsPeer.header(ok, "To");
            String target = TlsPeer.header(ok, "Contact").replaceAll("^<|>$", "");
            carrier.send("ACK " + target + " SIP/2.0\nVia: SIP/2.0/TLS 127.0.0.1:" + me
                    + ";branch=z9hG4bK-tls-ack;rport\nMax-Forwards: 70\n" + dialog + "To: " + toWithTag
                    + "\nCSeq: 1 ACK\nContent-Length: 0\n\n");
            assertTrue(trunk.receive().orElseThrow().startsWith("ACK "), "the ACK reached the trunk");

            carrier.send("BYE " + target + " SIP/2.0\nVia: SIP/2.0/TLS 127.0.0.1:" + me
                    + ";branch=z9hG4bK-tls-bye;rport\nMax-Forwards: 70\n" + dialog + "To: " + toWithTag
                    + "\nCSeq: 2 BYE\nContent-Length: 0\n\n");
            String bye = trunk.receive().orElseThrow(() -> new AssertionError("no BYE"));
            assertTrue(bye.startsWith("BYE "), bye);
            trunk.send(ScriptedUdp.response(bye, 200, "OK", "ignored").replace(";tag=ignored", ""));
            assertTrue(carrier.receiveStarting("SIP/2.0 200").contains("CSeq: 2 BYE"));
            awaitCalls(f, CallOutcome.CONNECTED);
            assertFalse(LeakPattern.of(CALLER, "91").foundIn((invite + bye).getBytes(StandardCharsets.ISO_8859_1)),
                    "the callee saw the caller's number");
            assertEquals(1.0, f.registry.get(SipMetrics.CONNECTIONS_OPENED).tag(SipMetrics.TAG_TRANSPORT, "tls")
                    .counter().count(), "INVITE, ACK and BYE went over one TLS connection");
        }
    }

    @Test
    void aTlsTrunkWithAnUntrustedCertificateIsAConnectFailure() throws IOException {
        // the trunk presents the rogue client certificate, which no CA we trust signed
        SSLContext rogue = TlsMaterial.load(pki.rogueClientCertificate, pki.rogueClientKey, Optional.empty())
                .sslContext();
        try (RelayFixture f = relay(SipTlsOptions.ClientAuth.NONE, SipTransportType.TLS);
                ScriptedStream trunk = new ScriptedStream(rogue.getServerSocketFactory(), f.trunkPort, 3_000);
                ScriptedUdp carrier = new ScriptedUdp(0, 5000)) {
            carrier.send(ScriptedUdp.invite(carrier.port(), f.udpPort(), "tls-untrusted-1", "z9hG4bK-tu1",
                    PROXY.e164(), CALLER.e164()), f.udpPort());
            Thread acceptor = new Thread(() -> {
                try {
                    trunk.receive();
                } catch (RuntimeException expected) {
                    // the gateway aborts the handshake: nothing to read
                }
            });
            acceptor.start();
            String answer = carrier.receiveStarting("SIP/2.0 503").orElseThrow(() -> new AssertionError("no 503"));
            assertEquals(503, ScriptedUdp.status(answer));
            assertEquals(1.0, f.registry.get(SipMetrics.CONNECT_FAILURES).tag(SipMetrics.TAG_TRANSPORT, "tls")
                    .counter().count());
        }
    }
}
