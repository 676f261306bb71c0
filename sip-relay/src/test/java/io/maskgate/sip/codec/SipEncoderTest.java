package io.maskgate.sip.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultAddressedEnvelope;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SipEncoderTest {

    private static SipMessage parse(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n") + 4;
        byte[] head = java.util.Arrays.copyOf(bytes, end);
        byte[] body = java.util.Arrays.copyOfRange(bytes, end, bytes.length);
        return assertInstanceOf(SipDecodeResult.Decoded.class,
                new SipParser().parse(head, body, new InetSocketAddress("127.0.0.1", 5070))).message();
    }

    @Test
    void contentLengthIsWrittenFromTheBodyNotCopiedFromTheHeader() {
        String text = SipStreamFrameDecoderTest.OPTIONS.replace("Content-Length: 0\r\n", "Content-Type: text/plain\r\n")
                + "twelve bytes";
        String wire = new String(SipEncoder.encodeToBytes(parse(text)), StandardCharsets.UTF_8);
        assertTrue(wire.endsWith("Content-Length: 12\r\n\r\ntwelve bytes"), wire);
        assertEquals(1, wire.split("Content-Length").length - 1);
    }

    @Test
    void encodedMessageParsesBackToTheSameMessage() {
        SipMessage m = parse(SipStreamFrameDecoderTest.MESSAGE_WITH_BODY);
        EmbeddedChannel ch = new EmbeddedChannel(new SipStreamFrameDecoder(new SipParser()));
        ch.writeInbound(Unpooled.wrappedBuffer(SipEncoder.encodeToBytes(m)));
        SipMessage again = assertInstanceOf(SipDecodeResult.Decoded.class, ch.readInbound()).message();
        assertEquals(m.method(), again.method());
        assertEquals(m.callId(), again.callId());
        assertEquals(new String(m.body(), StandardCharsets.UTF_8), new String(again.body(), StandardCharsets.UTF_8));
        assertFalse(ch.finish());
    }

    @Test
    void streamAndDatagramEncoding() {
        SipMessage m = parse(SipStreamFrameDecoderTest.OPTIONS);
        SipMessage ok = m.createResponse(200, "OK", List.of(new SipHeader("Accept", "application/sdp")));
        EmbeddedChannel ch = new EmbeddedChannel(new SipEncoder());
        ch.writeOutbound(ok);
        ByteBuf buf = ch.readOutbound();
        String wire = buf.toString(StandardCharsets.UTF_8);
        buf.release();
        assertTrue(wire.startsWith("SIP/2.0 200 OK\r\n"), wire);
        assertTrue(wire.contains("Accept: application/sdp\r\n"), wire);
        InetSocketAddress to = new InetSocketAddress("127.0.0.1", 5070);
        ch.writeOutbound(new DefaultAddressedEnvelope<>(ok, to));
        DatagramPacket packet = ch.readOutbound();
        assertEquals(to, packet.recipient());
        packet.release();
        assertFalse(ch.finish());
    }

    @Test
    void createResponseLeavesTheRequestUnchanged() {
        SipMessage request = parse(SipStreamFrameDecoderTest.OPTIONS);
        SipMessage response = request.createResponse(486, "Busy Here", List.of());
        assertTrue(response.toTag().isPresent());
        assertTrue(request.toTag().isEmpty());
        assertEquals(486, response.statusCode());
        assertEquals("OPTIONS", response.method());
    }
}
