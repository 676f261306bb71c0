package io.maskgate.sip.codec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Types of the codec that hold header text never print a phone number (STYLE.md rule 5). */
class NoNumberInToStringTest {

    private static final String NUMBER = "919876543210";

    private static final String INVITE = "INVITE sip:+" + NUMBER + "@gw.example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-n\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:+" + NUMBER + "@example.com>;tag=a1\r\n"
            + "To: <sip:+" + NUMBER + "@gw.example.com>\r\n"
            + "Call-ID: " + NUMBER + "@127.0.0.1\r\n"
            + "CSeq: 1 INVITE\r\n"
            + "Content-Length: 0\r\n\r\n";

    @Test
    void messageReplyHeaderAndFieldsHideNumbers() {
        byte[] bytes = INVITE.getBytes(StandardCharsets.ISO_8859_1);
        InetSocketAddress src = new InetSocketAddress("127.0.0.1", 5070);
        SipMessage m = assertInstanceOf(SipDecodeResult.Decoded.class,
                new SipParser().parse(bytes, new byte[0], src)).message();
        assertNoNumber(m.toString());
        assertNoNumber(m.createResponse(404, "Not Found", java.util.List.of()).toString());
        assertNoNumber(new SipHeader("P-Asserted-Identity", "<tel:+" + NUMBER + ">").toString());
        RawHeaderBlock head = RawHeaderBlock.scan(bytes);
        assertNoNumber(head.toString());
        head.fields().forEach(f -> assertNoNumber(f.toString()));
        assertNoNumber(StatelessReply.recover(head, src).orElseThrow().toString());
        String bad = INVITE.replace("INVITE sip:", "INVITE  sip:");
        SipDecodeResult.Malformed malformed = assertInstanceOf(SipDecodeResult.Malformed.class,
                new SipParser().parse(bad.getBytes(StandardCharsets.ISO_8859_1), new byte[0], src));
        assertNoNumber(malformed.toString());
        String ext = INVITE.replace("INVITE sip:", NUMBER + " sip:").replace("1 INVITE", "1 " + NUMBER);
        SipMessage extension = assertInstanceOf(SipDecodeResult.Decoded.class,
                new SipParser().parse(ext.getBytes(StandardCharsets.ISO_8859_1), new byte[0], src)).message();
        assertNoNumber(extension.toString());
    }

    private static void assertNoNumber(String s) {
        assertFalse(s.contains(NUMBER.substring(2)), s);
        assertFalse(Arrays.stream(s.split("\\D+")).anyMatch(d -> d.length() >= 7), s);
    }
}
