package io.maskgate.sip.b2bua;

import io.maskgate.sip.codec.SipComposer;
import io.maskgate.sip.codec.SipHeader;
import io.maskgate.sip.codec.SipMessage;
import io.maskgate.sip.policy.Leg;
import io.maskgate.sip.transaction.Destination;
import io.maskgate.sip.transaction.TransactionLayer;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One leg's dialog state as the B2BUA holds it (RFC 3261 section 12): Call-ID, local and remote
 * tags and URIs, remote target, route set, and our CSeq; and the requests we build in it (section
 * 12.2.1.1). Confined to the call's event loop; not thread-safe.
 *
 * <p>Only loose routing (RFC 3261 section 16.12, {@code ;lr}) is supported: the Request-URI is the
 * remote target and the route set goes into Route headers. Requests go to the first route, else
 * to the remote target, when that is an IP literal; otherwise to {@link #fallback} (the trunk, or
 * the address the INVITE came from), since a DNS lookup would block the event loop.
 */
final class Dialog {

    private final Leg leg;
    private final String callId;
    private final String localTag;
    private final String localUri;
    private final String remoteUri;
    private final Destination fallback;
    private final InetSocketAddress sentBy;
    private final String contact;
    private String remoteTag;
    private String remoteTarget;
    private List<String> routeSet = List.of();
    private long localCseq;

    /**
     * @param localUri our side's name-addr without tag, e.g. {@code <sip:+V@gw>}
     * @param remoteUri the peer's name-addr without tag
     * @param remoteTarget where requests go until the peer's Contact says otherwise
     * @param sentBy our address for Via sent-by and Contact on this leg
     */
    Dialog(Leg leg, String callId, String localTag, String localUri, String remoteUri, String remoteTarget,
            Destination fallback, InetSocketAddress sentBy, long firstCseq) {
        this.leg = leg;
        this.callId = callId;
        this.localTag = localTag;
        this.localUri = localUri;
        this.remoteUri = remoteUri;
        this.remoteTarget = remoteTarget;
        this.fallback = fallback;
        this.sentBy = sentBy;
        this.localCseq = firstCseq;
        // the same few values for every call (one per local address and transport): interned,
        // 20,000 dialogs share one string instead of holding one each
        this.contact = ("<sip:" + hostPort(sentBy) + transportParam(fallback) + ">").intern();
    }

    Leg leg() {
        return leg;
    }

    String callId() {
        return callId;
    }

    String localTag() {
        return localTag;
    }

    Optional<String> remoteTag() {
        return Optional.ofNullable(remoteTag);
    }

    void remoteTag(String tag) {
        this.remoteTag = tag;
    }

    /** Our side's name-addr without tag, as From (or To) carries it on this leg. */
    String localUri() {
        return localUri;
    }

    /** The Request-URI of the requests we send in this dialog now. */
    String remoteTarget() {
        return remoteTarget;
    }

    /** Our Contact header value on this leg: the gateway's address, never a user part. */
    String contact() {
        return contact;
    }

    /** A target refresh (RFC 3261 section 12.2.1.2, 12.2.2): the peer's new Contact. */
    void remoteTargetFrom(SipMessage message) {
        message.header("Contact").flatMap(SipUris::uri).ifPresent(uri -> this.remoteTarget = uri);
    }

    /** The route set from a request we received (its Record-Route, in order: RFC 3261 section 12.1.1). */
    void routeSetFromRequest(SipMessage request) {
        this.routeSet = List.copyOf(request.headerValues("Record-Route"));
    }

    /** The route set from a response to our request (its Record-Route, reversed: RFC 3261 section 12.1.2). */
    void routeSetFromResponse(SipMessage response) {
        List<String> rr = new ArrayList<>(response.headerValues("Record-Route"));
        java.util.Collections.reverse(rr);
        this.routeSet = List.copyOf(rr);
    }

    long nextCseq() {
        return ++localCseq;
    }

    long currentCseq() {
        return localCseq;
    }

    /** Where in-dialog requests go (see the class comment). */
    Destination destination() {
        Optional<InetSocketAddress> hop = routeSet.isEmpty() ? SipUris.ipHostPort(remoteTarget)
                : SipUris.uri(routeSet.get(0)).flatMap(SipUris::ipHostPort);
        return hop.map(fallback::withAddress).orElse(fallback);
    }

    /** A request in this dialog (RFC 3261 section 12.2.1.1) with a new branch. */
    SipMessage request(String method, long cseq, int maxForwards, List<SipHeader> extra, byte[] body) {
        List<SipHeader> h = new ArrayList<>(10 + extra.size());
        h.add(new SipHeader("Via", via(TransactionLayer.newBranch())));
        h.add(new SipHeader("Max-Forwards", Integer.toString(maxForwards)));
        routeSet.forEach(r -> h.add(new SipHeader("Route", r)));
        h.add(new SipHeader("From", localUri + ";tag=" + localTag));
        h.add(new SipHeader("To", remoteTag == null ? remoteUri : remoteUri + ";tag=" + remoteTag));
        h.add(new SipHeader("Call-ID", callId));
        h.add(new SipHeader("CSeq", cseq + " " + method));
        if (!method.equals("ACK") && !method.equals("CANCEL") && !method.equals("BYE")) {
            h.add(new SipHeader("Contact", contact));
        }
        h.addAll(extra);
        return SipComposer.request(method, remoteTarget, h, body);
    }

    String via(String branch) {
        return "SIP/2.0/" + fallback.transport().name() + " " + hostPort(sentBy) + ";branch=" + branch + ";rport";
    }

    static String hostPort(InetSocketAddress a) {
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    private static String transportParam(Destination d) {
        return d.transport().name().equals("UDP") ? "" : ";transport=" + d.transport().name().toLowerCase();
    }

    @Override
    public String toString() {
        return "Dialog[" + leg.label() + ", cseq=" + localCseq + "]";
    }
}
