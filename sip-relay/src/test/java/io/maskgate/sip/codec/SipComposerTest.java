package io.maskgate.sip.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A composed message is not parsed again, yet every accessor answers exactly what jain-sip reads
 * from its bytes: each case is compared with a compact copy, which jain-sip parses from the wire.
 */
class SipComposerTest {

    private static final byte[] SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\n".getBytes(StandardCharsets.US_ASCII);

    private static List<SipHeader> inviteHeaders() {
        return List.of(new SipHeader("Via", "SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-abc.1;rport"),
                new SipHeader("Max-Forwards", "70"),
                new SipHeader("Route", "<sip:10.0.0.1;lr>"),
                new SipHeader("From", "<sip:+918000000001@gw.example>;tag=a1b2"),
                new SipHeader("To", "<sip:callee@10.0.0.2>"),
                new SipHeader("Call-ID", "c-1@127.0.0.1"),
                new SipHeader("CSeq", "1 INVITE"),
                new SipHeader("Contact", "<sip:gw@127.0.0.1:5070>"),
                new SipHeader("Content-Type", "application/sdp"));
    }

    @Test
    void aComposedRequestIsReadWithoutParsingAndAgreesWithJainSip() {
        SipMessage m = SipComposer.request("INVITE", "sip:callee@10.0.0.2:5080", inviteHeaders(), SDP);
        assertSameAsParsed(m);
        assertFalse(m.isParsed(), "the view answered every read");
        assertArrayEquals(SDP, m.body());
    }

    @Test
    void aDisplayNameBeyondAsciiLeavesAsUtf8AheadOfTheBody() {
        List<SipHeader> headers = new java.util.ArrayList<>(inviteHeaders());
        headers.set(3, new SipHeader("From", "\"Jos\u00e9 \u0930\u093e\u091c\" <sip:+918000000001@gw.example>;tag=a1b2"));
        SipMessage m = SipComposer.request("INVITE", "sip:callee@10.0.0.2:5080", headers, SDP);
        String wire = new String(m.wire(), StandardCharsets.UTF_8);
        assertTrue(wire.contains("From: \"Jos\u00e9 \u0930\u093e\u091c\" <sip:"), "UTF-8 display name on the wire");
        assertTrue(wire.endsWith("Content-Length: " + SDP.length + "\r\n\r\n" + new String(SDP, StandardCharsets.US_ASCII)));
        assertSameAsParsed(m);
    }

    @Test
    void aComposedResponseWithCopiedViasAndQuotedDisplayNameAgreesWithJainSip() {
        SipMessage m = SipComposer.response(200, "OK", List.of(
                new SipHeader("Via", "SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-1-0;received=127.0.0.1;rport=5060"),
                new SipHeader("Via", "SIP/2.0/tcp proxy.example;branch=z9hG4bKx"),
                new SipHeader("From", "\"Al <x>; tag=no\" <sip:a@b.example>;tag=ft;x=1"),
                new SipHeader("To", "sip:c@d.example;tag=tt"),
                new SipHeader("Call-ID", "abc"),
                new SipHeader("CSeq", "4711 BYE")), new byte[0]);
        assertSameAsParsed(m);
        assertFalse(m.isParsed());
        assertEquals("BYE", m.method());
        assertEquals("TCP", m.vias().get(1).transport());
    }

    @Test
    void aTrying100WithoutToTagAgreesWithJainSip() {
        SipMessage m = SipComposer.response(100, "Trying", List.of(
                new SipHeader("Via", "SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-1"),
                new SipHeader("From", "<sip:a@b>;tag=1"), new SipHeader("To", "<sip:c@d>"),
                new SipHeader("Call-ID", "x"), new SipHeader("CSeq", "1 INVITE")), new byte[0]);
        assertSameAsParsed(m);
        assertTrue(m.toTag().isEmpty());
    }

    @Test
    void shapesTheViewDoesNotReadAreParsedByJainSipAtOnce() {
        List<SipHeader> ipv6 = List.of(new SipHeader("Via", "SIP/2.0/UDP [::1]:5060;branch=z9hG4bK-6"),
                new SipHeader("From", "<sip:a@b>;tag=1"), new SipHeader("To", "<sip:c@d>"),
                new SipHeader("Call-ID", "x"), new SipHeader("CSeq", "1 OPTIONS"));
        SipMessage m = SipComposer.request("OPTIONS", "sip:c@d", ipv6, new byte[0]);
        assertTrue(m.isParsed());
        assertEquals("z9hG4bK-6", m.vias().get(0).branch().orElseThrow());
        List<SipHeader> compact = List.of(new SipHeader("v", "SIP/2.0/UDP h:1;branch=z9hG4bK-7"),
                new SipHeader("f", "<sip:a@b>;tag=1"), new SipHeader("t", "<sip:c@d>"),
                new SipHeader("i", "x"), new SipHeader("CSeq", "1 OPTIONS"));
        assertTrue(SipComposer.request("OPTIONS", "sip:c@d", compact, new byte[0]).isParsed());
    }

    @Test
    void aMalformedHeaderWeBuiltIsRefusedWithoutItsValue() {
        List<SipHeader> h = List.of(new SipHeader("Via", "SIP/2.0/UDP h:1;branch=z9hG4bK-8"),
                new SipHeader("From", "<sip:+919812345678@b>;tag=1"), new SipHeader("To", "<sip:c@d>"),
                new SipHeader("Contact", "<sip:+919812345678@b"),
                new SipHeader("Call-ID", "x"), new SipHeader("CSeq", "1 OPTIONS"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SipComposer.request("OPTIONS", "sip:c@d", h, new byte[0]));
        assertFalse(e.getMessage().contains("9812345678"), e.getMessage());
    }

    @Test
    void anAddressHeaderIsCheckedWhateverTheCaseOfItsName() {
        for (String name : new String[] {"contact", "CONTACT", "Record-route", "reply-TO"}) {
            List<SipHeader> h = List.of(new SipHeader("Via", "SIP/2.0/UDP h:1;branch=z9hG4bK-8"),
                    new SipHeader("From", "<sip:a@b>;tag=1"), new SipHeader("To", "<sip:c@d>"),
                    new SipHeader(name, "< sip:x@b>"),
                    new SipHeader("Call-ID", "x"), new SipHeader("CSeq", "1 OPTIONS"));
            assertThrows(IllegalArgumentException.class, () -> SipComposer.request("OPTIONS", "sip:c@d", h,
                    new byte[0]), name);
        }
    }

    @Test
    void aReasonPhraseCannotBreakTheStatusLine() {
        SipMessage m = SipComposer.response(480, "Temporarily\r\nX-Injected: 1\nUnavailable", List.of(
                new SipHeader("Via", "SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-3"),
                new SipHeader("From", "<sip:a@b>;tag=1"), new SipHeader("To", "<sip:c@d>;tag=2"),
                new SipHeader("Call-ID", "x"), new SipHeader("CSeq", "1 INVITE")), new byte[0]);
        String wire = new String(m.wire(), StandardCharsets.US_ASCII);
        assertTrue(wire.startsWith("SIP/2.0 480 Temporarily  X-Injected: 1 Unavailable\r\nVia: "), wire);
        assertEquals(480, m.statusCode());
    }

    @Test
    void aCSeqWhoseMethodDiffersFromTheRequestIsLeftToJainSip() {
        List<SipHeader> h = List.of(new SipHeader("Via", "SIP/2.0/UDP h:1;branch=z9hG4bK-9"),
                new SipHeader("From", "<sip:a@b>;tag=1"), new SipHeader("To", "<sip:c@d>"),
                new SipHeader("Call-ID", "x"), new SipHeader("CSeq", "1 INVITE"));
        assertTrue(ComposedHead.ofRequest("OPTIONS", "sip:c@d", h, 0).isEmpty());
    }

    @Test
    void aCompactResponseAnswersItsStatusWithoutParsing() {
        SipMessage m = SipComposer.response(486, "Busy Here", List.of(
                new SipHeader("Via", "SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-2"),
                new SipHeader("From", "<sip:a@b>;tag=1"), new SipHeader("To", "<sip:c@d>;tag=2"),
                new SipHeader("Call-ID", "x"), new SipHeader("CSeq", "1 INVITE")), new byte[0]).compact();
        assertEquals(486, m.statusCode());
        assertFalse(m.isParsed());
    }

    @Test
    void aCompactCopyOfAReceivedRequestHoldsTheBytesItCameIn() {
        String text = SipStreamFrameDecoderTest.OPTIONS.replace("Content-Length: 0\r\n", "Content-Length: 4\r\n")
                + "body";
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n") + 4;
        SipMessage received = assertInstanceOf(SipDecodeResult.Decoded.class, new SipParser().parse(
                java.util.Arrays.copyOf(bytes, end), java.util.Arrays.copyOfRange(bytes, end, bytes.length),
                new InetSocketAddress("127.0.0.1", 5070))).message();
        SipMessage compact = received.compact();
        assertArrayEquals(bytes, SipEncoder.encodeToBytes(compact));
        assertEquals(received.method(), compact.method());
        assertEquals(received.callId(), compact.callId());
        assertEquals(received.cseqNumber(), compact.cseqNumber());
        assertEquals(received.vias().get(0).branch(), compact.vias().get(0).branch());
        assertArrayEquals(received.body(), compact.body());
    }

    @Test
    void aTryingIsComposedFromTheRequestWithoutCloningIt() {
        String text = "INVITE sip:callee@gw.example SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 10.0.0.9:5060;branch=z9hG4bK-p1, SIP/2.0/UDP 10.0.0.8;branch=z9hG4bK-p0\r\n"
                + "Max-Forwards: 70\r\nFrom: \"A\" <sip:a@example.com>;tag=f1\r\nTo: <sip:callee@gw.example>\r\n"
                + "Call-ID: t-1\r\nCSeq: 7 INVITE\r\nTimestamp: 54\r\nContent-Length: 0\r\n\r\n";
        SipMessage invite = assertInstanceOf(SipDecodeResult.Decoded.class, new SipParser().parse(
                text.getBytes(StandardCharsets.ISO_8859_1), new byte[0], new InetSocketAddress("10.0.0.7", 5060)))
                .message();
        SipMessage trying = invite.createResponse(100, "Trying", List.of());
        assertFalse(trying.isParsed());
        assertSameAsParsed(trying);
        assertEquals(invite.vias(), trying.vias());
        assertEquals("10.0.0.7", trying.header("Via").orElseThrow().replaceAll(".*received=([0-9.]+).*", "$1"));
        assertTrue(trying.toTag().isEmpty());
        assertEquals(invite.fromTag(), trying.fromTag());
        assertEquals(Optional.of("54"), trying.header("Timestamp"));
        assertEquals("7 INVITE", trying.cseqNumber().orElseThrow() + " " + trying.cseqMethod().orElseThrow());
    }

    /** Every accessor of the view equals what jain-sip reads from the same bytes. */
    private static void assertSameAsParsed(SipMessage m) {
        SipMessage p = m.compact(); // wire only: jain-sip parses it on first read
        assertEquals(p.isRequest(), m.isRequest());
        assertEquals(p.method(), m.method());
        if (m.isRequest()) {
            assertEquals(p.requestUri(), m.requestUri());
        } else {
            assertEquals(p.statusCode(), m.statusCode());
            assertEquals(p.reasonPhrase(), m.reasonPhrase());
        }
        assertEquals(p.callId(), m.callId());
        assertEquals(p.cseqNumber(), m.cseqNumber());
        assertEquals(p.cseqMethod(), m.cseqMethod());
        assertEquals(p.maxForwards(), m.maxForwards());
        assertEquals(p.fromTag(), m.fromTag());
        assertEquals(p.toTag(), m.toTag());
        assertEquals(p.hasFrom(), m.hasFrom());
        assertEquals(p.hasTo(), m.hasTo());
        assertEquals(p.vias(), m.vias());
        assertEquals(p.bodyLength(), m.bodyLength());
        assertArrayEquals(p.body(), m.body());
        assertEquals(p.sipVersion(), m.sipVersion());
    }
}
