package io.maskgate.sip.codec;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Enough of a rejected request to answer it without parsing it: the raw Via, From, To, Call-ID
 * and CSeq lines. Used for requests the parser could not turn into a message, where RFC 3261
 * section 21.4.1 still wants a 400 that names the problem.
 *
 * <p>A reply is possible when the request carries at least one Via and a CSeq: a client
 * transaction matches a response by the top Via branch and the CSeq method (RFC 3261 section
 * 17.1.3). From, To and Call-ID are copied when present (RFC 3261 section 8.2.6.2); a request
 * that lacks them (RFC 4475 section 3.3.1, insuf.dat) still gets its 400.
 */
public final class StatelessReply {

    private final String topVia;
    private final List<String> otherVias;
    private final Optional<String> from;
    private final Optional<String> to;
    private final Optional<String> callId;
    private final String cseq;

    private StatelessReply(String topVia, List<String> otherVias, Optional<String> from, Optional<String> to,
            Optional<String> callId, String cseq) {
        this.topVia = topVia;
        this.otherVias = otherVias;
        this.from = from;
        this.to = to;
        this.callId = callId;
        this.cseq = cseq;
    }

    /** Recovers the reply lines of a request; empty for responses and for requests without Via or CSeq. */
    static Optional<StatelessReply> recover(RawHeaderBlock head, InetSocketAddress source) {
        List<String> vias = head.values("via");
        List<String> cseqs = head.values("cseq");
        if (head.looksLikeResponse() || vias.isEmpty() || cseqs.isEmpty() || vias.get(0).isEmpty()) {
            return Optional.empty();
        }
        String first = vias.get(0);
        int comma = first.indexOf(',');
        String top = comma < 0 ? first : first.substring(0, comma).strip();
        String restOfFirst = comma < 0 ? "" : first.substring(comma + 1).strip();
        List<String> others = new java.util.ArrayList<>();
        if (!restOfFirst.isEmpty()) {
            others.add(restOfFirst);
        }
        others.addAll(vias.subList(1, vias.size()));
        return Optional.of(new StatelessReply(stampReceived(top, source), List.copyOf(others),
                firstOf(head, "from"), firstOf(head, "to"), firstOf(head, "call-id"), cseqs.get(0)));
    }

    private static Optional<String> firstOf(RawHeaderBlock head, String name) {
        List<String> v = head.values(name);
        return v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /**
     * RFC 3261 section 18.2.1: the server adds "received" with the source address; RFC 3581
     * section 4: a bare "rport" gets the source port. The reply then goes to the source address
     * whatever the Via says (RFC 3581 section 4), so an untrusted Via never steers it.
     */
    private static String stampReceived(String via, InetSocketAddress source) {
        String ip = source.getAddress() == null ? source.getHostString() : source.getAddress().getHostAddress();
        String stamped = via.replaceFirst("(?i);\\s*rport(?=\\s*(;|$))", ";rport=" + source.getPort());
        return stamped + ";received=" + ip;
    }

    /**
     * Renders the response bytes: Status-Line, the copied headers, a To tag when the request had
     * none (RFC 3261 section 8.2.6.2), the extra headers and {@code Content-Length: 0}.
     */
    public byte[] render(int statusCode, String reasonPhrase, List<SipHeader> extraHeaders) {
        if (statusCode < 100 || statusCode > 699) {
            throw new IllegalArgumentException("status code out of range: " + statusCode);
        }
        Objects.requireNonNull(reasonPhrase, "reasonPhrase");
        StringBuilder sb = new StringBuilder(512);
        sb.append("SIP/2.0 ").append(statusCode).append(' ').append(reasonPhrase.replaceAll("[\\r\\n]", " "))
                .append("\r\n");
        sb.append("Via: ").append(topVia).append("\r\n");
        otherVias.forEach(v -> sb.append("Via: ").append(v).append("\r\n"));
        from.ifPresent(v -> sb.append("From: ").append(v).append("\r\n"));
        to.ifPresent(v -> sb.append("To: ").append(withTag(v, statusCode)).append("\r\n"));
        callId.ifPresent(v -> sb.append("Call-ID: ").append(v).append("\r\n"));
        sb.append("CSeq: ").append(cseq).append("\r\n");
        extraHeaders.forEach(h -> sb.append(h.name()).append(": ").append(h.value()).append("\r\n"));
        sb.append("Content-Length: 0\r\n\r\n");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String withTag(String to, int statusCode) {
        if (statusCode == 100 || to.matches("(?is).*;\\s*tag\\s*=.*")) {
            return to;
        }
        return to + ";tag=" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    @Override
    public String toString() {
        // the copied lines carry the caller's and callee's numbers
        return "StatelessReply[vias=" + (1 + otherVias.size()) + "]";
    }
}
