package io.maskgate.sip.codec;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultAddressedEnvelope;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Frames SIP over UDP: one datagram is one message (RFC 3261 section 18.3). Emits an
 * {@code AddressedEnvelope<SipDecodeResult, InetSocketAddress>} whose sender is the packet's
 * source, which is where any reply goes.
 *
 * <ul>
 *   <li>Content-Length shorter than the datagram: the extra octets are discarded (RFC 3261
 *       section 18.3; RFC 4475 section 3.1.1.8, dblreq.dat: only the first message counts).</li>
 *   <li>Content-Length longer than the datagram: malformed, a request gets a 400 (RFC 3261
 *       section 18.3; RFC 4475 section 3.1.2.2, clerr.dat).</li>
 *   <li>No Content-Length: the body runs to the end of the datagram (RFC 3261 section 20.14).</li>
 *   <li>A datagram of only CR/LF/white space is a keep-alive and is ignored (RFC 5626 section
 *       4.4.1 allows CRLF keep-alives; some phones send them on UDP too).</li>
 * </ul>
 *
 * This class only frames; parsing and validation are {@link SipParser}'s.
 */
public final class SipDatagramDecoder extends MessageToMessageDecoder<DatagramPacket> {

    /** Default and largest value of {@code maxMessageBytes}: the largest UDP payload over IPv4. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 65_507;

    private final SipParser parser;
    private final int maxMessageBytes;
    private final boolean deferParse;

    public SipDatagramDecoder(SipParser parser) {
        this(parser, DEFAULT_MAX_MESSAGE_BYTES);
    }

    /**
     * @param maxMessageBytes largest datagram accepted, 1 to {@value #DEFAULT_MAX_MESSAGE_BYTES}
     *     (default); larger ones are refused with 513 (RFC 3261 section 21.5.14)
     */
    public SipDatagramDecoder(SipParser parser, int maxMessageBytes) {
        this(parser, maxMessageBytes, false);
    }

    /**
     * @param deferParse emit {@link SipDecodeResult.Framed} for a datagram that frames, for the
     *     consumer to parse on another thread, instead of parsing it here
     */
    public SipDatagramDecoder(SipParser parser, int maxMessageBytes, boolean deferParse) {
        super(DatagramPacket.class);
        if (maxMessageBytes < 1 || maxMessageBytes > DEFAULT_MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("maxMessageBytes must be 1.." + DEFAULT_MAX_MESSAGE_BYTES);
        }
        this.parser = parser;
        this.maxMessageBytes = maxMessageBytes;
        this.deferParse = deferParse;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> out) {
        ByteBuf buf = packet.content();
        if (SipFraming.isOnlyWhitespace(buf)) {
            return;
        }
        out.add(new DefaultAddressedEnvelope<>(frame(buf, packet.sender()), packet.recipient(), packet.sender()));
    }

    private SipDecodeResult frame(ByteBuf buf, InetSocketAddress sender) {
        int start = buf.readerIndex();
        int end = buf.writerIndex();
        int headerEnd = SipFraming.indexOfHeaderEnd(buf, start, end);
        if (buf.readableBytes() > maxMessageBytes) {
            return SipFraming.malformed(513, "Message Too Large",
                    SipFraming.readBytes(buf, headerEnd < 0 ? buf.readableBytes() : headerEnd + 4 - start), sender,
                    false);
        }
        if (headerEnd < 0) {
            return SipFraming.malformed(400, "Incomplete header block", SipFraming.readBytes(buf, end - start),
                    sender, false);
        }
        byte[] header = SipFraming.readBytes(buf, headerEnd + 4 - start);
        RawHeaderBlock head = RawHeaderBlock.scan(header); // once: the parser reuses it
        ContentLength cl = ContentLength.of(head);
        int available = buf.readableBytes();
        return switch (cl.state()) {
            case ABSENT -> parse(head, SipFraming.readBytes(buf, available), sender);
            case MULTIPLE -> SipFraming.malformed(400, "Multiple Content-Length headers", header, sender, false);
            case INVALID -> SipFraming.malformed(400, "Invalid Content-Length", header, sender, false);
            case PRESENT -> cl.length() > available
                    ? SipFraming.malformed(400, "Content-Length larger than datagram", header, sender, false)
                    : parse(head, SipFraming.readBytes(buf, cl.length()), sender);
        };
    }

    private SipDecodeResult parse(RawHeaderBlock head, byte[] body, InetSocketAddress sender) {
        return deferParse ? new SipDecodeResult.Framed(parser, head, body, sender) : parser.parse(head, body, sender);
    }
}
