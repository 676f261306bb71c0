package io.maskgate.sip.codec;

import java.util.Objects;
import java.util.Optional;

/**
 * What the SIP decoders emit for each frame. Bad input from the network is data, not an
 * exception: a frame that is not a valid SIP message becomes {@link Malformed}, which the
 * inbound handler answers with a 400 (when a reply is possible) or drops and counts.
 */
public sealed interface SipDecodeResult {

    /** A message that framed, parsed and passed {@link SipMessageValidator}. */
    record Decoded(SipMessage message) implements SipDecodeResult {
        public Decoded {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * A frame that is not a valid SIP message.
     *
     * @param statusCode the status to answer with when a reply is possible: 400, or 413/513 for
     *     a message over the size limits
     * @param reason short fixed text naming the fault (goes into the reason phrase and the
     *     Warning of a 400; never contains input text, so never a phone number)
     * @param wasResponse true when the start line looked like a Status-Line: responses are never
     *     answered (RFC 3261 section 18.1.2 discards malformed responses)
     * @param reply what is needed to answer the sender statelessly, when it could be recovered
     * @param closeConnection true when the byte stream cannot be resynchronised (stream transports
     *     only): the connection must be closed after the reply
     */
    record Malformed(int statusCode, String reason, boolean wasResponse, Optional<StatelessReply> reply, boolean closeConnection)
            implements SipDecodeResult {
        public Malformed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(reply, "reply");
        }
    }

    /**
     * A datagram that framed but is not parsed yet: the transport parses it on the event loop of
     * its Call-ID ({@link #callId()}) rather than on the loop that read it. All datagrams from one
     * address arrive on one socket, so without this a carrier that trunks from one address would
     * have every message it sends parsed on one core.
     */
    final class Framed implements SipDecodeResult {
        private final SipParser parser;
        private final RawHeaderBlock head;
        private final byte[] body;
        private final java.net.InetSocketAddress source;

        Framed(SipParser parser, RawHeaderBlock head, byte[] body, java.net.InetSocketAddress source) {
            this.parser = parser;
            this.head = head;
            this.body = body;
            this.source = source;
        }

        /** The Call-ID as the header block carries it; empty when it has none or several (then it is malformed). */
        public Optional<String> callId() {
            return head.callId();
        }

        /**
         * What recognises this datagram as a retransmission without parsing it; empty when it is
         * not a request in the shape that allows it (see {@link RetransmissionProbe#of}).
         */
        public Optional<RetransmissionProbe> retransmissionProbe() {
            return RetransmissionProbe.of(head, body);
        }

        /** Parses and validates: {@link Decoded} or {@link Malformed}. */
        public SipDecodeResult parse() {
            return parser.parse(head, body, source);
        }

        @Override
        public String toString() {
            return "Framed[" + head.bytes().length + " + " + body.length + " bytes]"; // no content: numbers
        }
    }

    /**
     * An RFC 5626 section 3.5.1 keep-alive "ping" (a double CRLF) on a stream transport; the
     * handler answers with a single CRLF "pong".
     */
    enum KeepAlivePing implements SipDecodeResult { INSTANCE }
}
