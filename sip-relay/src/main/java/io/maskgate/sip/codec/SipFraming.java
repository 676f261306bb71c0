package io.maskgate.sip.codec;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.util.Optional;

/** Byte-level helpers the two framing decoders share. */
final class SipFraming {

    private SipFraming() {
    }

    /**
     * Index (absolute) of the first CRLF CRLF at or after {@code from} and before {@code to},
     * or -1. RFC 3261 section 7: the empty line ends the header block.
     */
    static int indexOfHeaderEnd(ByteBuf buf, int from, int to) {
        for (int i = from; i + 3 < to; i++) {
            if (buf.getByte(i) == '\r' && buf.getByte(i + 1) == '\n' && buf.getByte(i + 2) == '\r'
                    && buf.getByte(i + 3) == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** True when every readable byte is CR, LF, SP or HTAB: a keep-alive, not a message. */
    static boolean isOnlyWhitespace(ByteBuf buf) {
        for (int i = buf.readerIndex(); i < buf.writerIndex(); i++) {
            byte b = buf.getByte(i);
            if (b != '\r' && b != '\n' && b != ' ' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    static SipDecodeResult.Malformed malformed(int status, String reason, byte[] partialHead,
            InetSocketAddress source, boolean close) {
        RawHeaderBlock head = RawHeaderBlock.scan(partialHead);
        Optional<StatelessReply> reply = StatelessReply.recover(head, source);
        return new SipDecodeResult.Malformed(status, reason, head.looksLikeResponse(), reply, close);
    }

    static byte[] readBytes(ByteBuf buf, int length) {
        byte[] bytes = new byte[length];
        buf.readBytes(bytes);
        return bytes;
    }
}
