package io.maskgate.sip.b2bua;

import static io.maskgate.sip.b2bua.RelayFixture.CALLER;
import static io.maskgate.sip.b2bua.RelayFixture.PROXY;
import static io.maskgate.sip.b2bua.RelayFixture.awaitCalls;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.sip.transaction.UdpSizeLimit;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * RFC 3261 section 18.1.1 on the outbound leg: an INVITE larger than MTU - 200 bytes towards a UDP
 * trunk leaves over TCP with its top Via saying so, unless the trunk is UDP-only.
 */
class UdpSizeLimitTest {

    /** An INVITE from the carrier whose SDP alone is about 1,600 bytes. */
    static String bigInvite(int fromPort, int toPort, String callId, String branch) {
        StringBuilder sdp = new StringBuilder("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
                + "t=0 0\r\nm=audio 40000 RTP/AVP 0 8 101\r\n");
        for (int i = 0; sdp.length() < 1600; i++) {
            sdp.append("a=candidate:").append(i).append(" 1 UDP 2130706431 127.0.0.1 ").append(40000 + i)
                    .append(" typ host\r\n");
        }
        byte[] body = sdp.toString().getBytes(StandardCharsets.ISO_8859_1);
        return ScriptedUdp.invite(fromPort, toPort, callId, branch, PROXY.e164(), CALLER.e164())
                .replace("Content-Length: 0\n\n", "Content-Length: " + body.length + "\n\n") + sdp;
    }

    @Test
    void aLargeInviteToAUdpTrunkGoesOverTcpWithATcpVia() {
        try (RelayFixture f = new RelayFixture(B2buaOptions.create());
                ScriptedStream trunkTcp = new ScriptedStream(f.trunkPort, 5000);
                ScriptedUdp trunkUdp = new ScriptedUdp(f.trunkPort, 300);
                ScriptedUdp carrier = new ScriptedUdp(0, 5000)) {
            carrier.send(bigInvite(carrier.port(), f.udpPort(), "mtu-1", "z9hG4bK-mtu1"), f.udpPort());
            String invite = trunkTcp.receive().orElseThrow(() -> new AssertionError("no INVITE over TCP"));
            assertTrue(invite.startsWith("INVITE "), invite);
            assertTrue(invite.contains("Via: SIP/2.0/TCP 127.0.0.1:" + f.tcpPort() + ";branch="), invite);
            assertTrue(invite.getBytes(StandardCharsets.ISO_8859_1).length > 1300);
            trunkTcp.send(ScriptedUdp.response(invite, 486, "Busy Here", "m1"));
            assertEquals(486, ScriptedUdp.status(carrier.receiveStarting("SIP/2.0 486").orElseThrow()));
            awaitCalls(f, CallOutcome.FAILED_BUSY);
            assertTrue(trunkUdp.receive().isEmpty(), "the INVITE also came over UDP");
            assertEquals(1.0, oversize(f, "tcp"));
        }
    }

    @Test
    void aLargeInviteIsRetriedOverUdpWhenTheTrunkRefusesTcp() {
        // RFC 3261 section 18.1.1: a TCP reset to the connection attempt -> the request again over UDP
        try (RelayFixture f = new RelayFixture(B2buaOptions.create());
                ScriptedUdp trunk = new ScriptedUdp(f.trunkPort, 5000);
                ScriptedUdp carrier = new ScriptedUdp(0, 5000)) {
            carrier.send(bigInvite(carrier.port(), f.udpPort(), "mtu-4", "z9hG4bK-mtu4"), f.udpPort());
            String invite = trunk.receiveStarting("INVITE").orElseThrow(() -> new AssertionError("no INVITE over UDP"));
            assertTrue(invite.contains("Via: SIP/2.0/UDP 127.0.0.1:" + f.udpPort() + ";branch="), invite);
            trunk.send(ScriptedUdp.response(invite, 486, "Busy Here", "m4"), f.udpPort());
            assertEquals(486, ScriptedUdp.status(carrier.receiveStarting("SIP/2.0 486").orElseThrow()));
            awaitCalls(f, CallOutcome.FAILED_BUSY);
            assertEquals(1.0, oversize(f, "tcp"));
            assertEquals(1.0, oversize(f, "udp_retry"));
        }
    }

    @Test
    void aLargeInviteToAUdpOnlyTrunkStaysOnUdpAndIsCounted() {
        try (RelayFixture f = new RelayFixture(B2buaOptions.create(), null, List.of(), t -> t.udpOnly(true),
                UnaryOperator.identity());
                ScriptedUdp trunk = new ScriptedUdp(f.trunkPort, 5000);
                ScriptedUdp carrier = new ScriptedUdp(0, 5000)) {
            carrier.send(bigInvite(carrier.port(), f.udpPort(), "mtu-2", "z9hG4bK-mtu2"), f.udpPort());
            String invite = trunk.receiveStarting("INVITE").orElseThrow(() -> new AssertionError("no INVITE over UDP"));
            assertTrue(invite.contains("Via: SIP/2.0/UDP "), invite);
            trunk.send(ScriptedUdp.response(invite, 486, "Busy Here", "m2"), f.udpPort());
            assertEquals(486, ScriptedUdp.status(carrier.receiveStarting("SIP/2.0 486").orElseThrow()));
            assertEquals(1.0, oversize(f, "udp"));
            assertEquals(0.0, oversize(f, "tcp"));
        }
    }

    @Test
    void theMtuComesFromTheTransportOptions() {
        try (RelayFixture f = new RelayFixture(B2buaOptions.create(), null, List.of(), UnaryOperator.identity(),
                t -> t.udpMtu(9000));
                ScriptedUdp trunk = new ScriptedUdp(f.trunkPort, 5000);
                ScriptedUdp carrier = new ScriptedUdp(0, 5000)) {
            carrier.send(bigInvite(carrier.port(), f.udpPort(), "mtu-3", "z9hG4bK-mtu3"), f.udpPort());
            String invite = trunk.receiveStarting("INVITE").orElseThrow(() -> new AssertionError("no INVITE over UDP"));
            assertTrue(invite.contains("Via: SIP/2.0/UDP "), "under a 9000-byte MTU the INVITE fits a datagram");
            trunk.send(ScriptedUdp.response(invite, 486, "Busy Here", "m3"), f.udpPort());
            carrier.receiveStarting("SIP/2.0 486").orElseThrow();
            assertEquals(0.0, oversize(f, "tcp") + oversize(f, "udp"));
        }
    }

    private static double oversize(RelayFixture f, String action) {
        return f.registry.get(UdpSizeLimit.OVERSIZE).tag(UdpSizeLimit.TAG_ACTION, action).counter().count();
    }
}
