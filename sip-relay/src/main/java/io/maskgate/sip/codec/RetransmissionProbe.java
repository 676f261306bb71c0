package io.maskgate.sip.codec;

import java.util.Objects;
import java.util.Optional;

/**
 * What the transaction layer needs to recognise a UDP request as a retransmission before it is
 * parsed: its method and top Via from the start line and the raw header fields, and the
 * fingerprint of its bytes. A retransmitted request is byte-identical to the first copy, and the
 * first copy was parsed, validated and matched to a server transaction; a copy with the same
 * transaction key, the same source and the same fingerprint can only be answered the way that
 * transaction answers retransmissions, so parsing it again buys nothing. A peer sends every
 * request that waited past T1 again, so these copies arrive when the gateway is already behind,
 * and the parse was most of what each one cost (BENCHMARKS.md, "Stop 16").
 *
 * <p>Made only for a request whose top Via is in the plain shape {@link ComposedHead#via} reads;
 * anything else takes the parsing path, where it is matched as before.
 */
public final class RetransmissionProbe {

    private final String method;
    private final SipVia topVia;
    private final byte[] head;
    private final byte[] body;

    private RetransmissionProbe(String method, SipVia topVia, byte[] head, byte[] body) {
        this.method = method;
        this.topVia = topVia;
        this.head = head;
        this.body = body;
    }

    /**
     * The probe of a framed datagram; empty for a response, an ACK (whose matching moves an INVITE
     * transaction's state, so it is always parsed), or a top Via in another shape.
     */
    static Optional<RetransmissionProbe> of(RawHeaderBlock head, byte[] body) {
        Objects.requireNonNull(body, "body");
        if (head.looksLikeResponse() || head.malformedLines() > 0) {
            return Optional.empty();
        }
        String line = head.startLine();
        int sp = line.indexOf(' ');
        if (sp <= 0) {
            return Optional.empty();
        }
        String method = line.substring(0, sp);
        if (method.equals("ACK") || !RawHeaderBlock.isToken(method)) {
            return Optional.empty();
        }
        for (RawHeaderBlock.Field field : head.fields()) {
            if (field.name().equals("via")) {
                SipVia via = ComposedHead.via(field.value());
                return via == null || via.branch().isEmpty() ? Optional.empty()
                        : Optional.of(new RetransmissionProbe(method, via, head.bytes(), body));
            }
        }
        return Optional.empty();
    }

    /** The method as the Request-Line names it. */
    public String method() {
        return method;
    }

    /** The top Via value; its branch is present. */
    public SipVia topVia() {
        return topVia;
    }

    /** {@link WireFingerprint} of the datagram; computed on each call, so only once a transaction matched. */
    public long fingerprint() {
        return WireFingerprint.of(head, body);
    }

    @Override
    public String toString() {
        // the Via names hosts and the method may be any token: sizes only
        return "RetransmissionProbe[" + head.length + " + " + body.length + " bytes]";
    }
}
