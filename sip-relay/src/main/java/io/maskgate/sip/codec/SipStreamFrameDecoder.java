package io.maskgate.sip.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;

/**
 * Frames SIP on a byte stream (TCP, TLS): the header block ends at the first CRLF CRLF, the
 * body is Content-Length octets, and Content-Length is required (RFC 3261 section 18.3).
 * Emits {@link SipDecodeResult}s.
 *
 * <p>A small state machine, one short step per state:
 * <ol>
 *   <li>{@code SKIP_CRLF}: CRLFs before a start line are ignored (RFC 3261 section 7.5); a
 *       double CRLF is an RFC 5626 section 3.5.1 keep-alive ping, emitted as
 *       {@link SipDecodeResult.KeepAlivePing} for the handler to answer with one CRLF.</li>
 *   <li>{@code READ_HEADER}: waits for CRLF CRLF within {@code maxHeaderBytes}.</li>
 *   <li>{@code READ_BODY}: waits for the body, then hands both to {@link SipParser}.</li>
 *   <li>{@code BAD_STREAM}: after a framing failure nothing more can be trusted (the next
 *       message boundary is unknown), so every further byte is discarded; the handler closes
 *       the connection when it sees {@link SipDecodeResult.Malformed#closeConnection()}.</li>
 * </ol>
 * A message that frames but does not parse is reported as malformed and the stream goes on.
 */
public final class SipStreamFrameDecoder extends ByteToMessageDecoder {

    /** Default limit of the start line plus header fields: 16 KiB. */
    public static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;
    /** Default limit of a body: 64 KiB, far above any SDP we relay. */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    private enum State { SKIP_CRLF, READ_HEADER, READ_BODY, BAD_STREAM }

    private final SipParser parser;
    private final int maxHeaderBytes;
    private final int maxBodyBytes;

    private State state = State.SKIP_CRLF;
    /** Bytes after the reader index already searched for CRLF CRLF; relative because the buffer may be compacted. */
    private int searched;
    private byte[] header;
    private int bodyLength;

    public SipStreamFrameDecoder(SipParser parser) {
        this(parser, DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_BODY_BYTES);
    }

    /**
     * @param maxHeaderBytes largest header block (start line to empty line), at least 64;
     *     default {@value #DEFAULT_MAX_HEADER_BYTES}. Over it: 513 and close.
     * @param maxBodyBytes largest Content-Length, at least 0; default
     *     {@value #DEFAULT_MAX_BODY_BYTES}. Over it: 413 and close.
     */
    public SipStreamFrameDecoder(SipParser parser, int maxHeaderBytes, int maxBodyBytes) {
        if (maxHeaderBytes < 64) {
            throw new IllegalArgumentException("maxHeaderBytes must be >= 64");
        }
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes must be >= 0");
        }
        this.parser = parser;
        this.maxHeaderBytes = maxHeaderBytes;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        State before;
        do {
            before = state;
            switch (state) {
                case SKIP_CRLF -> skipCrlf(in, out);
                case READ_HEADER -> readHeader(ctx, in, out);
                case READ_BODY -> readBody(ctx, in, out);
                case BAD_STREAM -> in.skipBytes(in.readableBytes());
                default -> throw new IllegalStateException(state.name());
            }
        } while (state != before); // a step that needs more bytes leaves the state as it was
    }

    private void skipCrlf(ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int r = in.readerIndex();
            byte b = in.getByte(r);
            if (b != '\r' && b != '\n') {
                state = State.READ_HEADER;
                searched = 0;
                return;
            }
            if (in.readableBytes() < 4) {
                return; // maybe a ping still arriving
            }
            if (SipFraming.indexOfHeaderEnd(in, r, r + 4) == r) {
                in.skipBytes(4);
                out.add(SipDecodeResult.KeepAlivePing.INSTANCE);
            } else {
                in.skipBytes(b == '\r' && in.getByte(r + 1) == '\n' ? 2 : 1);
            }
        }
    }

    private void readHeader(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int limit = Math.min(in.writerIndex(), start + maxHeaderBytes);
        int end = SipFraming.indexOfHeaderEnd(in, start + Math.max(0, searched - 3), limit);
        if (end < 0) {
            if (in.readableBytes() >= maxHeaderBytes) {
                fail(in, out, SipFraming.malformed(513, "Header block too large", new byte[0], remote(ctx), true));
            } else {
                searched = in.readableBytes();
            }
            return;
        }
        header = SipFraming.readBytes(in, end + 4 - start);
        ContentLength cl = ContentLength.of(RawHeaderBlock.scan(header));
        switch (cl.state()) {
            case ABSENT -> fail(in, out, rejectAndClose(400, "Missing Content-Length", ctx));
            case MULTIPLE -> fail(in, out, rejectAndClose(400, "Multiple Content-Length headers", ctx));
            case INVALID -> fail(in, out, rejectAndClose(400, "Invalid Content-Length", ctx));
            case PRESENT -> {
                if (cl.length() > maxBodyBytes) {
                    fail(in, out, rejectAndClose(413, "Request Entity Too Large", ctx));
                } else {
                    bodyLength = cl.length();
                    state = State.READ_BODY;
                }
            }
            default -> throw new IllegalStateException(cl.state().name());
        }
    }

    private void readBody(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < bodyLength) {
            return;
        }
        byte[] body = SipFraming.readBytes(in, bodyLength);
        out.add(parser.parse(header, body, remote(ctx)));
        header = null;
        state = State.SKIP_CRLF;
    }

    private SipDecodeResult.Malformed rejectAndClose(int status, String reason, ChannelHandlerContext ctx) {
        return SipFraming.malformed(status, reason, header, remote(ctx), true);
    }

    private void fail(ByteBuf in, List<Object> out, SipDecodeResult.Malformed result) {
        in.skipBytes(in.readableBytes());
        header = null;
        state = State.BAD_STREAM;
        out.add(result);
    }

    private static InetSocketAddress remote(ChannelHandlerContext ctx) {
        SocketAddress a = ctx.channel().remoteAddress();
        return a instanceof InetSocketAddress inet ? inet : new InetSocketAddress(0);
    }
}
