package io.maskgate.sip.codec;

import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.AddressedEnvelope;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;

/**
 * Encodes {@link SipMessage}s: a bare message becomes a {@link ByteBuf} (stream transports), an
 * {@code AddressedEnvelope<SipMessage, InetSocketAddress>} a {@link DatagramPacket} (UDP).
 *
 * <p>Content-Length is always written last among the headers and always equals the body length
 * (RFC 3261 section 20.14), whatever header the message held: we never trust a stored value.
 */
@ChannelHandler.Sharable
public final class SipEncoder extends MessageToMessageEncoder<Object> {

    public SipEncoder() {
        super(Object.class);
    }

    @Override
    public boolean acceptOutboundMessage(Object msg) {
        return msg instanceof SipMessage
                || (msg instanceof AddressedEnvelope<?, ?> e && e.content() instanceof SipMessage);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out) {
        if (msg instanceof SipMessage m) {
            out.add(encode(m, ctx.alloc()));
            return;
        }
        AddressedEnvelope<?, ?> e = (AddressedEnvelope<?, ?>) msg;
        out.add(new DatagramPacket(encode((SipMessage) e.content(), ctx.alloc()),
                (InetSocketAddress) e.recipient(), (InetSocketAddress) e.sender()));
    }

    /** The wire form of a message. */
    public static ByteBuf encode(SipMessage message, ByteBufAllocator alloc) {
        byte[] wire = message.wire();
        return alloc.buffer(wire.length).writeBytes(wire);
    }

    /** Renders a jain-sip message; {@link SipMessage} keeps the result, so this runs once per message. */
    static byte[] render(SIPMessage m) {
        byte[] body = m.getRawContent() == null ? new byte[0] : m.getRawContent();
        StringBuilder head = new StringBuilder(512);
        head.append(m.getFirstLine().strip()).append("\r\n");
        Iterator<SIPHeader> it = m.getHeaders();
        while (it.hasNext()) {
            SIPHeader h = it.next();
            if (!(h instanceof ContentLength)) {
                String encoded = h.encode();
                head.append(encoded);
                if (!encoded.endsWith("\r\n")) {
                    head.append("\r\n");
                }
            }
        }
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = java.util.Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, out, headBytes.length, body.length);
        return out;
    }

    /** The wire form of a message, as a byte array (tests, logs of sizes). */
    public static byte[] encodeToBytes(SipMessage message) {
        return message.wire().clone();
    }
}
