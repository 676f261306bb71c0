package io.maskgate.sip.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SipStreamFrameDecoderTest {

    static final String OPTIONS = "OPTIONS sip:gw.example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/TCP 127.0.0.1:5070;branch=z9hG4bK-1\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:probe@example.com>;tag=a1\r\n"
            + "To: <sip:gw.example.com>\r\n"
            + "Call-ID: stream-1@127.0.0.1\r\n"
            + "CSeq: 1 OPTIONS\r\n"
            + "Content-Length: 0\r\n\r\n";

    static final String MESSAGE_WITH_BODY = "MESSAGE sip:gw.example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/TCP 127.0.0.1:5070;branch=z9hG4bK-2\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:probe@example.com>;tag=a1\r\n"
            + "To: <sip:gw.example.com>\r\n"
            + "Call-ID: stream-2@127.0.0.1\r\n"
            + "CSeq: 2 MESSAGE\r\n"
            + "Content-Type: text/plain\r\n"
            + "Content-Length: 12\r\n\r\n"
            + "hello\r\n\r\nbye";

    private static EmbeddedChannel channel() {
        return new EmbeddedChannel(new SipStreamFrameDecoder(new SipParser(), 1024, 64));
    }

    private static void write(EmbeddedChannel ch, String s) {
        ch.writeInbound(Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1));
    }

    private static SipMessage decoded(EmbeddedChannel ch) {
        return assertInstanceOf(SipDecodeResult.Decoded.class, ch.readInbound()).message();
    }

    @Test
    void decodesOneByteAtATime() {
        EmbeddedChannel ch = channel();
        for (char c : MESSAGE_WITH_BODY.toCharArray()) {
            write(ch, String.valueOf(c));
        }
        SipMessage m = decoded(ch);
        assertEquals("MESSAGE", m.method());
        assertEquals("hello\r\n\r\nbye", new String(m.body(), StandardCharsets.UTF_8));
        assertNull(ch.readInbound());
        assertFalse(ch.finish());
    }

    @Test
    void decodesWhenSplitInsideTheEmptyLineAndInsideTheBody() {
        EmbeddedChannel ch = channel();
        int headerEnd = MESSAGE_WITH_BODY.indexOf("\r\n\r\n");
        write(ch, MESSAGE_WITH_BODY.substring(0, headerEnd + 1));
        write(ch, MESSAGE_WITH_BODY.substring(headerEnd + 1, headerEnd + 3));
        assertNull(ch.readInbound());
        write(ch, MESSAGE_WITH_BODY.substring(headerEnd + 3, headerEnd + 10));
        assertNull(ch.readInbound());
        write(ch, MESSAGE_WITH_BODY.substring(headerEnd + 10));
        assertEquals(12, decoded(ch).bodyLength());
        assertFalse(ch.finish());
    }

    @Test
    void decodesTwoMessagesInOneBufferAndOneMessageAcrossTwo() {
        EmbeddedChannel ch = channel();
        String both = OPTIONS + MESSAGE_WITH_BODY + OPTIONS.substring(0, 20);
        write(ch, both);
        assertEquals("OPTIONS", decoded(ch).method());
        assertEquals("MESSAGE", decoded(ch).method());
        assertNull(ch.readInbound());
        write(ch, OPTIONS.substring(20));
        assertEquals("OPTIONS", decoded(ch).method());
        assertFalse(ch.finish());
    }

    @Test
    void doubleCrlfIsAKeepAlivePingAndSingleCrlfBeforeAMessageIsSkipped() {
        EmbeddedChannel ch = channel();
        write(ch, "\r\n\r");
        assertNull(ch.readInbound());
        write(ch, "\n");
        assertSame(SipDecodeResult.KeepAlivePing.INSTANCE, ch.readInbound());
        write(ch, "\r\n" + OPTIONS);
        assertEquals("OPTIONS", decoded(ch).method());
        assertFalse(ch.finish());
    }

    @Test
    void badMessageThenGoodMessageStillDecodes() {
        EmbeddedChannel ch = channel();
        String bad = OPTIONS.replace("From: <sip:probe@example.com>;tag=a1", "From: \"unterminated <sip:x@y>");
        write(ch, bad + OPTIONS);
        SipDecodeResult.Malformed m = assertInstanceOf(SipDecodeResult.Malformed.class, ch.readInbound());
        assertFalse(m.closeConnection());
        assertEquals(400, m.statusCode());
        assertTrue(m.reply().isPresent());
        assertEquals("OPTIONS", decoded(ch).method());
        assertFalse(ch.finish());
    }

    @Test
    void tooLargeHeaderBlockFailsOnceAndDiscardsTheRest() {
        EmbeddedChannel ch = channel();
        write(ch, "OPTIONS sip:gw.example.com SIP/2.0\r\n" + "X-Filler: " + "a".repeat(1100));
        SipDecodeResult.Malformed m = assertInstanceOf(SipDecodeResult.Malformed.class, ch.readInbound());
        assertEquals(513, m.statusCode());
        assertTrue(m.closeConnection());
        write(ch, "\r\n\r\n" + OPTIONS);
        assertNull(ch.readInbound(), "a stream cannot be resynchronised after a framing failure");
        assertFalse(ch.finish());
    }

    @Test
    void missingContentLengthOnAStreamIsRejectedAndCloses() {
        EmbeddedChannel ch = channel();
        write(ch, OPTIONS.replace("Content-Length: 0\r\n", ""));
        SipDecodeResult.Malformed m = assertInstanceOf(SipDecodeResult.Malformed.class, ch.readInbound());
        assertEquals(400, m.statusCode());
        assertEquals("Missing Content-Length", m.reason());
        assertTrue(m.closeConnection());
        assertTrue(m.reply().isPresent(), "Via and CSeq are there: the sender gets a 400 before the close");
        assertFalse(ch.finish());
    }

    @Test
    void bodyOverTheLimitIsRefusedWith413() {
        EmbeddedChannel ch = channel();
        write(ch, OPTIONS.replace("Content-Length: 0", "Content-Length: 65"));
        SipDecodeResult.Malformed m = assertInstanceOf(SipDecodeResult.Malformed.class, ch.readInbound());
        assertEquals(413, m.statusCode());
        assertTrue(m.closeConnection());
        assertFalse(ch.finish());
    }

    @Test
    void partialMessageAtCloseProducesNothing() {
        EmbeddedChannel ch = channel();
        write(ch, MESSAGE_WITH_BODY.substring(0, MESSAGE_WITH_BODY.length() - 2));
        assertNull(ch.readInbound());
        assertFalse(ch.finish());
    }

    @Test
    void limitsAreChecked() {
        SipParser p = new SipParser();
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new SipStreamFrameDecoder(p, 10, 0));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new SipStreamFrameDecoder(p, 1024, -1));
    }
}
