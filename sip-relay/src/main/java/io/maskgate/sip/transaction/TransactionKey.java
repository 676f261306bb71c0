package io.maskgate.sip.transaction;

import io.maskgate.sip.codec.SipMessage;
import io.maskgate.sip.codec.SipVia;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What identifies a transaction in the table.
 *
 * <p>Server side (RFC 3261 section 17.2.3): with an RFC 3261 branch (the magic cookie followed by
 * at least one character), the branch, the sent-by of the top Via and the method, where ACK counts
 * as INVITE. Without one (an RFC 2543 peer, or RFC 4475 section 3.2.1's branch that is only the
 * cookie) the fallback of section 17.2.3: Request-URI, Call-ID, From tag, CSeq number and the
 * whole top Via. The To tag is left out of the fallback key: the ACK for our final response carries
 * the tag we chose, the INVITE did not, and the other fields already tell requests apart.
 *
 * <p>Client side (section 17.1.3): the branch of the top Via and the CSeq method.
 *
 * @param id the identifying fields, joined; may hold a Request-URI, so never printed
 * @param method the method the transaction was created for (INVITE for an ACK)
 */
record TransactionKey(String id, String method) {

    /** RFC 3261 section 8.1.1.7. */
    static final String MAGIC_COOKIE = "z9hG4bK";

    /** The server transaction key of a request. */
    static TransactionKey server(SipMessage request) {
        String method = request.method().equals("ACK") ? "INVITE" : request.method();
        List<SipVia> vias = request.vias();
        Optional<SipVia> top = vias.isEmpty() ? Optional.empty() : Optional.of(vias.get(0));
        Optional<TransactionKey> byBranch = top.flatMap(via -> server(method, via));
        if (byBranch.isPresent()) {
            return byBranch.get();
        }
        String topVia = top.map(v -> v.transport() + " " + v.host().toLowerCase(Locale.ROOT) + ":"
                + (v.port().isPresent() ? v.port().getAsInt() : "") + ";" + v.branch().orElse("")).orElse("");
        return new TransactionKey("2543|" + request.requestUri() + "|" + request.callId().orElse("") + "|"
                + request.fromTag().orElse("") + "|" + request.cseqNumber().orElse(-1) + "|" + topVia, method);
    }

    /**
     * The server key of a request with this method and top Via, when the Via carries an RFC 3261
     * branch: the branch, the sent-by and the method (ACK counts as INVITE). Empty otherwise; such a
     * request is keyed by the RFC 2543 fallback of {@link #server(SipMessage)}.
     */
    static Optional<TransactionKey> server(String method, SipVia topVia) {
        Optional<String> branch = topVia.branch().filter(TransactionKey::isRfc3261Branch);
        if (branch.isEmpty()) {
            return Optional.empty();
        }
        String sentBy = topVia.host().toLowerCase(Locale.ROOT) + ":"
                + (topVia.port().isPresent() ? topVia.port().getAsInt() : "");
        return Optional.of(new TransactionKey(branch.get() + "|" + sentBy, method.equals("ACK") ? "INVITE" : method));
    }

    /**
     * The client transaction key of a request we send or a response we receive; empty when the top
     * Via has no branch (such a response matches nothing).
     */
    static Optional<TransactionKey> client(SipMessage message) {
        List<SipVia> vias = message.vias();
        if (vias.isEmpty() || vias.get(0).branch().isEmpty()) {
            return Optional.empty();
        }
        String method = message.isRequest() ? message.method() : message.cseqMethod().orElse("");
        return Optional.of(new TransactionKey(vias.get(0).branch().get(), method));
    }

    /** True for a branch made by an RFC 3261 element: the magic cookie and an identifier after it. */
    static boolean isRfc3261Branch(String branch) {
        return branch.startsWith(MAGIC_COOKIE) && branch.length() > MAGIC_COOKIE.length();
    }

    /** This key for another method: a CANCEL looks up the INVITE it cancels (RFC 3261 section 9.2). */
    TransactionKey withMethod(String otherMethod) {
        return new TransactionKey(id, otherMethod);
    }

    @Override
    public String toString() {
        // the fallback id holds the Request-URI, which may be a phone number
        return "TransactionKey[" + method + "]";
    }
}
