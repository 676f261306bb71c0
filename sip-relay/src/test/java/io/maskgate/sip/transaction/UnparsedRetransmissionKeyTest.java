package io.maskgate.sip.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.sip.codec.RetransmissionProbe;
import io.maskgate.sip.codec.SipDatagramDecoder;
import io.maskgate.sip.codec.SipDecodeResult;
import io.maskgate.sip.codec.SipMessage;
import io.maskgate.sip.codec.SipParser;
import io.netty.buffer.Unpooled;
import io.netty.channel.AddressedEnvelope;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A request recognised before parsing must find the same server transaction that the parsed
 * request would: the key from the raw top Via equals the key from jain-sip's Via, however the
 * sender spelled it; and the fingerprint of the datagram equals the one the transaction keeps.
 */
class UnparsedRetransmissionKeyTest {

    private static final InetSocketAddress SENDER = new InetSocketAddress("127.0.0.1", 5072);
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 5060);

    private static String request(String method, String viaLine, String body) {
        return method + " sip:+919800000001@gw.example SIP/2.0\r\n"
                + viaLine + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:+919811111111@carrier.example>;tag=a1\r\n"
                + "To: <sip:+919800000001@gw.example>\r\n"
                + "Call-ID: key-test-1\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + (body.isEmpty() ? "" : "Content-Type: application/sdp\r\n")
                + "Content-Length: " + body.length() + "\r\n\r\n" + body;
    }

    private static SipDecodeResult.Framed frame(String datagram) {
        EmbeddedChannel ch = new EmbeddedChannel(new SipDatagramDecoder(new SipParser(), 65_507, true));
        ch.writeInbound(new DatagramPacket(Unpooled.copiedBuffer(datagram, StandardCharsets.ISO_8859_1), LOCAL,
                SENDER));
        AddressedEnvelope<SipDecodeResult, InetSocketAddress> e = ch.readInbound();
        return assertInstanceOf(SipDecodeResult.Framed.class, e.content());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-abc",
        "Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK-abc;rport",
        "v: SIP/2.0/UDP Carrier.Example:5070;rport;branch=z9hG4bKMixedCase",
        "Via: sip/2.0/udp carrier.example:5070 ; branch = z9hG4bK.x ;received=10.9.9.9",
        "VIA: SIP/2.0/UDP 10.0.0.1:5060;ttl=3;branch=z9hG4bK-abc;maddr=10.0.0.2",
    })
    void theKeyFromTheRawViaIsTheKeyOfTheParsedRequest(String viaLine) {
        for (String method : new String[] {"INVITE", "BYE", "CANCEL", "OPTIONS"}) {
            SipDecodeResult.Framed framed = frame(request(method, viaLine, ""));
            RetransmissionProbe probe = framed.retransmissionProbe().orElseThrow();
            SipMessage parsed = assertInstanceOf(SipDecodeResult.Decoded.class, framed.parse()).message();
            assertEquals(Optional.of(TransactionKey.server(parsed)), TransactionKey.server(probe.method(),
                    probe.topVia()), viaLine + " / " + method);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-a, SIP/2.0/UDP 10.0.0.2;branch=z9hG4bK-b",
        "Via: SIP/2.0/UDP [2001:db8::1]:5060;branch=z9hG4bK-abc",
        "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=\"z9hG4bK-q\"",
        "Via: SIP/2.0/UDP 10.0.0.1:5060",
    })
    void aViaInAnotherShapeTakesTheParsingPath(String viaLine) {
        assertTrue(frame(request("INVITE", viaLine, "")).retransmissionProbe().isEmpty(), viaLine);
    }

    @Test
    void noProbeForAckOrResponses() {
        String via = "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-abc";
        assertTrue(frame(request("ACK", via, "")).retransmissionProbe().isEmpty());
        String response = "SIP/2.0 200 OK\r\n" + via + "\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>;tag=2\r\n"
                + "Call-ID: key-test-1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
        assertTrue(frame(response).retransmissionProbe().isEmpty());
    }

    @Test
    void theFingerprintOfTheDatagramIsTheOneTheParsedRequestKeeps() {
        String via = "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-abc;rport";
        for (String body : new String[] {"", "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\n"}) {
            SipDecodeResult.Framed framed = frame(request("INVITE", via, body));
            SipMessage parsed = assertInstanceOf(SipDecodeResult.Decoded.class, framed.parse()).message();
            assertEquals(parsed.receivedFingerprint().orElseThrow(),
                    framed.retransmissionProbe().orElseThrow().fingerprint(), "body of " + body.length());
        }
    }

    @Test
    void oneByteMoreOrDifferentChangesTheFingerprint() {
        String via = "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-abc";
        String sdp = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\n";
        long base = frame(request("INVITE", via, sdp)).retransmissionProbe().orElseThrow().fingerprint();
        assertNotEquals(base, frame(request("INVITE", via, sdp.replace("s=-", "s=+"))).retransmissionProbe()
                .orElseThrow().fingerprint(), "a byte of the body");
        assertNotEquals(base, frame(request("INVITE", via, sdp).replace("a1", "a2")).retransmissionProbe()
                .orElseThrow().fingerprint(), "a byte of a header");
        assertNotEquals(base, frame(request("INVITE", via, sdp + "\r\n")).retransmissionProbe().orElseThrow()
                .fingerprint(), "two bytes more");
    }
}
