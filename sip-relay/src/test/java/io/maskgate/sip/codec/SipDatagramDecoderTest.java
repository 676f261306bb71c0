package io.maskgate.sip.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.AddressedEnvelope;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SipDatagramDecoderTest {

    private static final InetSocketAddress SENDER = new InetSocketAddress("127.0.0.1", 5072);
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 5060);

    private static SipDecodeResult decode(EmbeddedChannel ch, String datagram) {
        ch.writeInbound(new DatagramPacket(Unpooled.copiedBuffer(datagram, StandardCharsets.ISO_8859_1), LOCAL,
                SENDER));
        AddressedEnvelope<SipDecodeResult, InetSocketAddress> e = ch.readInbound();
        assertEquals(SENDER, e.sender());
        assertEquals(LOCAL, e.recipient());
        return e.content();
    }

    private static final String NO_CONTENT_LENGTH = SipStreamFrameDecoderTest.OPTIONS
            .replace("Content-Length: 0\r\n", "Content-Type: text/plain\r\n").replace(";branch=z9hG4bK-1",
                    ";branch=z9hG4bK-1;rport") + "a body";

    @Test
    void withoutContentLengthTheBodyIsTheRestOfTheDatagram() {
        EmbeddedChannel ch = new EmbeddedChannel(new SipDatagramDecoder(new SipParser()));
        SipMessage m = assertInstanceOf(SipDecodeResult.Decoded.class, decode(ch, NO_CONTENT_LENGTH)).message();
        assertEquals("a body", new String(m.body(), StandardCharsets.UTF_8));
        assertFalse(ch.finish());
    }

    @Test
    void topViaIsStampedWithReceivedAndRport() {
        EmbeddedChannel ch = new EmbeddedChannel(new SipDatagramDecoder(new SipParser()));
        SipMessage m = assertInstanceOf(SipDecodeResult.Decoded.class, decode(ch, NO_CONTENT_LENGTH)).message();
        String wire = new String(SipEncoder.encodeToBytes(m), StandardCharsets.UTF_8);
        assertTrue(wire.contains("received=127.0.0.1"), wire);
        assertTrue(wire.contains("rport=5072"), wire);
        assertFalse(ch.finish());
    }

    @Test
    void aDeferredFrameNamesItsCallIdAndParsesAsTheDecoderWouldHave() {
        EmbeddedChannel deferred = new EmbeddedChannel(new SipDatagramDecoder(new SipParser(), 65_507, true));
        SipDecodeResult.Framed framed = assertInstanceOf(SipDecodeResult.Framed.class,
                decode(deferred, NO_CONTENT_LENGTH));
        SipMessage later = assertInstanceOf(SipDecodeResult.Decoded.class, framed.parse()).message();
        EmbeddedChannel direct = new EmbeddedChannel(new SipDatagramDecoder(new SipParser()));
        SipMessage now = assertInstanceOf(SipDecodeResult.Decoded.class, decode(direct, NO_CONTENT_LENGTH)).message();
        assertEquals(now.callId(), framed.callId());
        assertEquals(new String(SipEncoder.encodeToBytes(now), StandardCharsets.UTF_8),
                new String(SipEncoder.encodeToBytes(later), StandardCharsets.UTF_8));
        assertFalse(deferred.finish());
        assertFalse(direct.finish());
    }

    @Test
    void aDeferredFrameThatDoesNotFrameIsMalformedAtOnce() {
        EmbeddedChannel deferred = new EmbeddedChannel(new SipDatagramDecoder(new SipParser(), 65_507, true));
        assertInstanceOf(SipDecodeResult.Malformed.class,
                decode(deferred, "OPTIONS sip:h SIP/2.0\r\nContent-Length: 50\r\n\r\nshort"));
        assertFalse(deferred.finish());
    }

    @Test
    void keepAliveDatagramsAreIgnored() {
        EmbeddedChannel ch = new EmbeddedChannel(new SipDatagramDecoder(new SipParser()));
        ch.writeInbound(new DatagramPacket(Unpooled.copiedBuffer("\r\n\r\n", StandardCharsets.US_ASCII), LOCAL,
                SENDER));
        assertNull(ch.readInbound());
        assertFalse(ch.finish());
    }

    @Test
    void datagramOverTheLimitIsRefusedWith513() {
        EmbeddedChannel ch = new EmbeddedChannel(new SipDatagramDecoder(new SipParser(), 200));
        SipDecodeResult.Malformed m = assertInstanceOf(SipDecodeResult.Malformed.class,
                decode(ch, SipStreamFrameDecoderTest.OPTIONS));
        assertEquals(513, m.statusCode());
        assertTrue(m.reply().isPresent());
        assertFalse(ch.finish());
    }

    @Test
    void garbageIsMalformedWithNoReply() {
        EmbeddedChannel ch = new EmbeddedChannel(new SipDatagramDecoder(new SipParser()));
        SipDecodeResult.Malformed m = assertInstanceOf(SipDecodeResult.Malformed.class,
                decode(ch, "\u0000\u0001\u00ff garbage without any structure"));
        assertTrue(m.reply().isEmpty());
        assertFalse(ch.finish());
    }
}
