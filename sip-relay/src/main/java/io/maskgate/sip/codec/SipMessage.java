package io.maskgate.sip.codec;

import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.header.ViaList;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.MaxForwardsHeader;

/**
 * An immutable SIP request or response.
 *
 * <p>Backed by a jain-sip-ri message that never leaves this package and is never changed after
 * construction: code outside the codec sees only these accessors, so the vendor classes can be
 * replaced without touching transports, screening or the B2BUA. Builders of new messages
 * ({@link #createResponse}) copy before they change anything.
 *
 * <p>{@link #toString()} prints only the method or status and sizes: From, To, Request-URI and
 * Call-ID can all carry a phone number.
 */
public final class SipMessage {

    private static final String SIP_2_0 = "SIP/2.0";

    /**
     * The parsed form; null in a {@link #compact()} copy until an accessor needs it, then parsed
     * again from {@link #wire}. Volatile: messages are handed between event loops.
     */
    private volatile SIPMessage delegate;
    private final String wireVersion;
    /**
     * The encoded form, made once: the message never changes, and a message is encoded for the
     * leak guard, for the wire and again for every retransmission. Volatile because a message is
     * handed between event loops.
     */
    private volatile byte[] wire;
    /**
     * For a message we composed, the fields read on every message, taken from the headers we
     * composed it from (see {@link ComposedHead}); null for a parsed message and a compact copy.
     */
    private final ComposedHead composed;
    /**
     * For a message we received, its header block as it came off the wire (the body is in
     * {@link #delegate}): {@link #compact()} keeps these bytes instead of rendering the parsed form
     * again. Null for a composed message and a compact copy.
     */
    private final byte[] receivedHead;
    /**
     * The Call-ID of a parsed message once read ("" when it has none): jain-sip renders it anew on
     * every read, and the transport, screen, transaction layer and B2BUA each read it.
     */
    private volatile String parsedCallId;

    /** A message we built: its SIP-Version is ours. */
    SipMessage(SIPMessage delegate) {
        this(delegate, SIP_2_0);
    }

    /**
     * A message we parsed. jain-sip reports SIP/2.0 whatever the start line said, so the
     * version is kept as it came off the wire for the 505 check (RFC 3261 section 8.2).
     */
    SipMessage(SIPMessage delegate, String wireVersion) {
        this(delegate, wireVersion, null);
    }

    /** A message we parsed from {@code receivedHead} (start line to the empty line) and a body. */
    SipMessage(SIPMessage delegate, String wireVersion, byte[] receivedHead) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.wireVersion = Objects.requireNonNull(wireVersion, "wireVersion");
        this.composed = null;
        this.receivedHead = receivedHead;
    }

    /** A compact copy: the wire form only (see {@link #compact()}). */
    private SipMessage(String wireVersion, byte[] wire) {
        this.wireVersion = wireVersion;
        this.wire = wire;
        this.composed = null;
        this.receivedHead = null;
    }

    /**
     * A message we composed, not parsed: the view answers what the transaction layer, transport
     * and B2BUA read on every message, and jain-sip parses {@code wire} only if another accessor
     * is called (see {@link SipComposer}).
     */
    SipMessage(ComposedHead composed, byte[] wire) {
        this.wireVersion = SIP_2_0;
        this.wire = Objects.requireNonNull(wire, "wire");
        this.composed = Objects.requireNonNull(composed, "composed");
        this.receivedHead = null;
    }

    /**
     * A copy holding only the wire form (a few hundred bytes instead of jain-sip's object graph of
     * several kilobytes); the parsed form is rebuilt from those bytes if an accessor is called.
     * For messages kept long but rarely read: a transaction waiting out timer J, K, L or M (32 s
     * over UDP) keeps its request and last response only to match and re-send them, and at 3,000
     * calls per second that is ~100,000 calls' messages, which the GC would otherwise copy.
     *
     * <p>A received message keeps the bytes it came in (no rendering of the parsed form): a
     * compact copy is read only to match and name the transaction, and what it lacks against the
     * parsed form (the received and rport values RFC 3261 section 18.2.1 stamps into the top Via)
     * is not part of a transaction key.
     */
    public SipMessage compact() {
        byte[] head = receivedHead;
        if (head != null) {
            byte[] body = d().getRawContent();
            int bodyLength = body == null ? 0 : body.length;
            byte[] bytes = java.util.Arrays.copyOf(head, head.length + bodyLength);
            if (bodyLength > 0) {
                System.arraycopy(body, 0, bytes, head.length, bodyLength);
            }
            return new SipMessage(wireVersion, bytes);
        }
        return new SipMessage(wireVersion, wire());
    }

    /**
     * The {@link WireFingerprint} of this message as it was received (header block and body, the
     * bytes a byte-identical retransmission would carry); empty for a message we composed and for a
     * compact copy.
     */
    public OptionalLong receivedFingerprint() {
        byte[] head = receivedHead;
        return head == null ? OptionalLong.empty() : OptionalLong.of(WireFingerprint.of(head, d().getRawContent()));
    }

    /** The parsed form, parsed again from the wire form in a compact copy. */
    private SIPMessage d() {
        SIPMessage m = delegate;
        if (m == null) {
            m = reparse(wire);
            delegate = m;
        }
        return m;
    }

    private static SIPMessage reparse(byte[] wire) {
        try {
            SIPMessage m = new StringMsgParser().parseSIPMessage(wire, true, false, null);
            if (m == null) {
                throw new IllegalStateException("compact message is empty");
            }
            return m;
        } catch (ParseException e) {
            // our own rendering of a message that parsed before: a bug, not input
            throw new IllegalStateException("compact message does not parse at offset " + e.getErrorOffset());
        }
    }

    /** A message we composed ourselves, with the exact bytes we composed it from (see {@link SipComposer}). */
    SipMessage(SIPMessage delegate, byte[] wire) {
        this(delegate, SIP_2_0);
        this.wire = wire;
    }

    /** The wire form (start line, headers, Content-Length last, body); not copied: callers only read it. */
    byte[] wire() {
        byte[] w = wire;
        if (w == null) {
            w = SipEncoder.render(d());
            wire = w;
        }
        return w;
    }

    /** Runs {@code scanner} over the wire form (start line to the end of the body) without copying it. */
    public boolean wireContains(WireScanner scanner) {
        byte[] w = wire();
        return scanner.foundIn(w, 0, w.length);
    }

    /** Size of the wire form in bytes: what RFC 3261 section 18.1.1 compares with the path MTU. */
    public int wireLength() {
        return wire().length;
    }

    /**
     * A copy of this request whose top Via names another transport and sent-by port, everything
     * else (host, branch, rport, other Vias) unchanged: RFC 3261 section 18.1.1 says the top Via
     * MUST be changed when the transport layer moves a request from UDP to TCP.
     */
    public SipMessage withTopViaTransport(String transport, int port) {
        Objects.requireNonNull(transport, "transport");
        SIPRequest copy = (SIPRequest) request().clone();
        Via top = copy.getTopmostVia();
        if (top == null) {
            throw new IllegalStateException("request has no Via");
        }
        try {
            top.setTransport(transport);
            top.setPort(port);
        } catch (ParseException | javax.sip.InvalidArgumentException e) {
            throw new IllegalArgumentException("bad transport or port", e);
        }
        return new SipMessage(copy);
    }

    /** True once jain-sip's form exists: at once for a received message, on demand for a composed one (tests). */
    boolean isParsed() {
        return delegate != null;
    }

    /** The jain-sip message; only the codec may read it and nobody may change it. */
    SIPMessage delegate() {
        return d();
    }

    public boolean isRequest() {
        if (composed != null) {
            return composed.isRequest();
        }
        SIPMessage m = delegate;
        if (m == null) {
            // a compact copy: answered from the start line, without parsing (RFC 3261 section 7.2)
            byte[] w = wire;
            return !(w.length >= 4 && w[0] == 'S' && w[1] == 'I' && w[2] == 'P' && w[3] == '/');
        }
        return m instanceof SIPRequest;
    }

    /** The request method, or for a response the method of its CSeq (RFC 3261 section 8.1.3.1). */
    public String method() {
        if (composed != null) {
            return composed.method();
        }
        if (d() instanceof SIPRequest request) {
            return request.getMethod();
        }
        return cseqMethod().orElse("");
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** The status code of a response. */
    public int statusCode() {
        if (composed != null && !composed.isRequest()) {
            return composed.statusCode();
        }
        if (delegate == null && !isRequest()) {
            // a compact copy, re-sent on each retransmission: the code is in the Status-Line
            // "SIP/2.0 NNN" (RFC 3261 section 7.2), no need to parse the rest
            byte[] w = wire;
            if (w.length > 11 && w[7] == ' ' && isDigit(w[8]) && isDigit(w[9]) && isDigit(w[10]) && w[11] == ' ') {
                return (w[8] - '0') * 100 + (w[9] - '0') * 10 + (w[10] - '0');
            }
        }
        return response().getStatusCode();
    }

    public String reasonPhrase() {
        if (composed != null && !composed.isRequest()) {
            return composed.reasonPhrase();
        }
        String reason = response().getReasonPhrase();
        return reason == null ? "" : reason;
    }

    /** SIP-Version of the start line as received, e.g. {@code SIP/2.0}. */
    public String sipVersion() {
        return wireVersion;
    }

    /** The Request-URI scheme, lower case (RFC 3261 section 19.1.1: schemes are case-insensitive). */
    public String requestUriScheme() {
        return request().getRequestURI().getScheme().toLowerCase(Locale.ROOT);
    }

    /** The Request-URI as text. Holds the callee's number for an INVITE: do not log it. */
    public String requestUri() {
        if (composed != null && composed.isRequest()) {
            return composed.requestUri();
        }
        return request().getRequestURI().toString();
    }

    public Optional<String> callId() {
        if (composed != null) {
            return Optional.of(composed.callId());
        }
        String id = parsedCallId;
        if (id == null) {
            CallIdHeader h = d().getCallId();
            id = h == null ? null : h.getCallId();
            id = id == null ? "" : id;
            parsedCallId = id;
        }
        return id.isEmpty() ? Optional.empty() : Optional.of(id);
    }

    public OptionalLong cseqNumber() {
        if (composed != null) {
            return OptionalLong.of(composed.cseqNumber());
        }
        CSeqHeader h = d().getCSeq();
        return h == null ? OptionalLong.empty() : OptionalLong.of(h.getSeqNumber());
    }

    public Optional<String> cseqMethod() {
        if (composed != null) {
            return Optional.of(composed.cseqMethod());
        }
        CSeqHeader h = d().getCSeq();
        return h == null ? Optional.empty() : Optional.ofNullable(h.getMethod());
    }

    public OptionalInt maxForwards() {
        if (composed != null) {
            return composed.maxForwards();
        }
        MaxForwardsHeader h = d().getMaxForwards();
        return h == null ? OptionalInt.empty() : OptionalInt.of(h.getMaxForwards());
    }

    public boolean hasFrom() {
        if (composed != null) {
            return true; // a view is only made when From is there
        }
        return d().getFrom() != null;
    }

    public boolean hasTo() {
        if (composed != null) {
            return true;
        }
        return d().getTo() != null;
    }

    public Optional<String> toTag() {
        if (composed != null) {
            return composed.toTag();
        }
        return d().getTo() == null ? Optional.empty() : Optional.ofNullable(d().getTo().getTag());
    }

    public Optional<String> fromTag() {
        if (composed != null) {
            return composed.fromTag();
        }
        return d().getFrom() == null ? Optional.empty() : Optional.ofNullable(d().getFrom().getTag());
    }

    /** The Via values, top first (a Via line with several values counts as several). */
    public List<SipVia> vias() {
        if (composed != null) {
            return composed.vias();
        }
        ViaList list = d().getViaHeaders();
        if (list == null) {
            return List.of();
        }
        List<SipVia> out = new ArrayList<>(list.size());
        for (Via via : list) {
            int port = via.getPort();
            out.add(new SipVia(via.getTransport() == null ? "" : via.getTransport().toUpperCase(Locale.ROOT),
                    via.getHost() == null ? "" : via.getHost(),
                    port > 0 ? OptionalInt.of(port) : OptionalInt.empty(),
                    Optional.ofNullable(via.getBranch())));
        }
        return out;
    }

    /**
     * The values of one header, top first, one entry per value (a comma-separated list header
     * such as {@code Require: a, b} gives two entries). Compact forms are understood.
     */
    public List<String> headerValues(String name) {
        ListIterator<SIPHeader> it = d().getHeaders(name);
        List<String> out = new ArrayList<>(2);
        while (it != null && it.hasNext()) {
            SIPHeader h = it.next();
            String v = h.getHeaderValue();
            if (v != null) {
                out.add(v.strip());
            }
        }
        return out;
    }

    /** The first value of a header, if present. */
    public Optional<String> header(String name) {
        List<String> v = headerValues(name);
        return v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /** A copy of the body bytes (empty when there is none). */
    public byte[] body() {
        if (composed != null) {
            byte[] w = wire;
            return java.util.Arrays.copyOfRange(w, w.length - composed.bodyLength(), w.length);
        }
        byte[] raw = d().getRawContent();
        return raw == null ? new byte[0] : raw.clone();
    }

    public int bodyLength() {
        if (composed != null) {
            return composed.bodyLength();
        }
        byte[] raw = d().getRawContent();
        return raw == null ? 0 : raw.length;
    }

    /**
     * A response to this request (RFC 3261 section 8.2.6): Via, From, To, Call-ID and CSeq
     * copied, a To tag added when the request had none and the status is not 100, then
     * {@code extraHeaders} appended in order.
     */
    public SipMessage createResponse(int statusCode, String reasonPhrase, List<SipHeader> extraHeaders) {
        if (statusCode < 100 || statusCode > 699) {
            throw new IllegalArgumentException("status code out of range: " + statusCode);
        }
        if (statusCode == 100 && extraHeaders.isEmpty()) {
            return trying();
        }
        SIPRequest copy = (SIPRequest) request().clone();
        SIPResponse response = copy.createResponse(statusCode, reasonPhrase);
        try {
            if (statusCode != 100 && response.getTo() != null && response.getTo().getTag() == null) {
                response.getTo().setTag(Long.toHexString(ThreadLocalRandom.current().nextLong()));
            }
            for (SipHeader extra : extraHeaders) {
                response.addHeader(StringMsgParser.parseSIPHeader(extra.name() + ": " + extra.value() + "\r\n"));
            }
        } catch (ParseException e) {
            throw new IllegalArgumentException("header does not parse: " + extraHeaders, e);
        }
        return new SipMessage(response);
    }

    /**
     * The 100 Trying every INVITE gets (RFC 3261 section 8.2.6.1), composed from the request's
     * fields rather than by cloning its parsed form: Via, From, To (no tag on a 100), Call-ID,
     * CSeq and Timestamp copied.
     */
    private SipMessage trying() {
        List<SipHeader> h = new ArrayList<>(8);
        for (String via : headerValues("Via")) {
            h.add(new SipHeader("Via", via));
        }
        h.add(new SipHeader("From", header("From").orElseThrow(() -> new IllegalStateException("no From"))));
        h.add(new SipHeader("To", header("To").orElseThrow(() -> new IllegalStateException("no To"))));
        h.add(new SipHeader("Call-ID", callId().orElseThrow(() -> new IllegalStateException("no Call-ID"))));
        h.add(new SipHeader("CSeq", cseqNumber().orElseThrow() + " " + cseqMethod().orElseThrow()));
        header("Timestamp").ifPresent(t -> h.add(new SipHeader("Timestamp", t)));
        return SipComposer.response(100, "Trying", h, new byte[0]);
    }

    /**
     * The ACK a client INVITE transaction sends for a 3xx-6xx response (RFC 3261 section
     * 17.1.1.3): Request-URI, Call-ID, From, the top Via (so the same branch) and Route of this
     * INVITE, the To of the response (with its tag), and CSeq with this number and method ACK.
     *
     * @param finalResponse the 3xx-6xx response to this INVITE
     */
    public SipMessage createNonSuccessAck(SipMessage finalResponse) {
        if (!method().equals("INVITE") || finalResponse.isRequest() || finalResponse.statusCode() < 300) {
            throw new IllegalArgumentException("an ACK of this kind acknowledges a 3xx-6xx to INVITE");
        }
        SIPRequest copy = (SIPRequest) request().clone();
        try {
            return new SipMessage(copy.createErrorAck((gov.nist.javax.sip.header.To) finalResponse.response().getTo()
                    .clone()));
        } catch (javax.sip.SipException | ParseException e) {
            throw new IllegalStateException("cannot build ACK", e);
        }
    }

    /**
     * The CANCEL of this request (RFC 3261 section 9.1): same Request-URI, Call-ID, From, To, CSeq
     * number (method CANCEL), the top Via only, and the Route header fields.
     */
    public SipMessage createCancel() {
        if (method().equals("ACK") || method().equals("CANCEL")) {
            throw new IllegalArgumentException("ACK and CANCEL cannot be cancelled");
        }
        SIPRequest copy = (SIPRequest) request().clone();
        try {
            return new SipMessage(copy.createCancelRequest());
        } catch (javax.sip.SipException e) {
            throw new IllegalStateException("cannot build CANCEL", e);
        }
    }

    private SIPRequest request() {
        if (d() instanceof SIPRequest request) {
            return request;
        }
        throw new IllegalStateException("not a request");
    }

    private SIPResponse response() {
        if (d() instanceof SIPResponse response) {
            return response;
        }
        throw new IllegalStateException("not a response");
    }

    /** Header names in wire order; for diagnostics and tests. */
    public List<String> headerNames() {
        List<String> names = new ArrayList<>();
        Iterator<SIPHeader> it = d().getHeaders();
        while (it.hasNext()) {
            names.add(it.next().getHeaderName());
        }
        return names;
    }

    /** RFC 3261 and its extensions' method names: safe to print, unlike an arbitrary token. */
    private static final java.util.Set<String> KNOWN_METHODS = java.util.Set.of("INVITE", "ACK", "BYE", "CANCEL",
            "OPTIONS", "REGISTER", "PRACK", "UPDATE", "INFO", "SUBSCRIBE", "NOTIFY", "REFER", "MESSAGE", "PUBLISH");

    @Override
    public String toString() {
        // an extension method is any token, so it could be digits a sender chose: do not print it
        String m = KNOWN_METHODS.contains(method()) ? method() : "extension-method";
        String first = isRequest() ? m : statusCode() + " (" + m + ")";
        return "SipMessage[" + first + ", body=" + bodyLength() + "]";
    }
}
