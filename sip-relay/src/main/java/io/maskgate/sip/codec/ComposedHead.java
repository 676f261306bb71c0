package io.maskgate.sip.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The few fields of a message we composed that the transaction layer, the transport and the
 * B2BUA read on every message (start line, Via, Call-ID, CSeq, From and To tags, Max-Forwards),
 * taken from the header list we composed it from instead of parsing our own text again.
 *
 * <p>Only the canonical shapes that our composer writes, or that jain-sip re-encodes from a
 * message it parsed, are read here: one value per line, full header names, no quoted Via
 * parameters, no IPv6 sent-by. {@link #of} returns empty for anything else, and the composer
 * then parses the message with jain-sip as before, so an unusual header is never misread, only
 * read more slowly. Immutable.
 */
final class ComposedHead {

    private final String method;
    private final int statusCode;
    private final String reasonPhrase;
    private final String requestUri;
    private final String callId;
    private final long cseqNumber;
    private final String cseqMethod;
    private final List<SipVia> vias;
    private final Optional<String> fromTag;
    private final Optional<String> toTag;
    private final OptionalInt maxForwards;
    private final int bodyLength;

    private ComposedHead(Builder b) {
        this.method = b.method;
        this.statusCode = b.statusCode;
        this.reasonPhrase = b.reasonPhrase;
        this.requestUri = b.requestUri;
        this.callId = b.callId;
        this.cseqNumber = b.cseqNumber;
        this.cseqMethod = b.cseqMethod;
        this.vias = List.copyOf(b.vias);
        this.fromTag = b.fromTag;
        this.toTag = b.toTag;
        this.maxForwards = b.maxForwards;
        this.bodyLength = b.bodyLength;
    }

    /** The view of a request; empty when a header is not in a shape read here. */
    static Optional<ComposedHead> ofRequest(String method, String requestUri, List<SipHeader> headers, int bodyLength) {
        Builder b = new Builder();
        b.method = method;
        b.requestUri = requestUri;
        b.bodyLength = bodyLength;
        return b.read(headers) && method.equals(b.cseqMethod) ? Optional.of(new ComposedHead(b)) : Optional.empty();
    }

    /** The view of a response; empty when a header is not in a shape read here. */
    static Optional<ComposedHead> ofResponse(int statusCode, String reasonPhrase, List<SipHeader> headers,
            int bodyLength) {
        Builder b = new Builder();
        b.statusCode = statusCode;
        b.reasonPhrase = reasonPhrase;
        b.bodyLength = bodyLength;
        if (!b.read(headers)) {
            return Optional.empty();
        }
        b.method = b.cseqMethod; // RFC 3261 section 8.1.3.1: a response's method is its CSeq's
        return Optional.of(new ComposedHead(b));
    }

    boolean isRequest() {
        return statusCode == 0;
    }

    String method() {
        return method;
    }

    int statusCode() {
        return statusCode;
    }

    String reasonPhrase() {
        return reasonPhrase;
    }

    String requestUri() {
        return requestUri;
    }

    String callId() {
        return callId;
    }

    long cseqNumber() {
        return cseqNumber;
    }

    String cseqMethod() {
        return cseqMethod;
    }

    List<SipVia> vias() {
        return vias;
    }

    Optional<String> fromTag() {
        return fromTag;
    }

    Optional<String> toTag() {
        return toTag;
    }

    OptionalInt maxForwards() {
        return maxForwards;
    }

    int bodyLength() {
        return bodyLength;
    }

    private static final class Builder {
        String method;
        int statusCode;
        String reasonPhrase = "";
        String requestUri = "";
        String callId;
        long cseqNumber = -1;
        String cseqMethod;
        final List<SipVia> vias = new ArrayList<>(2);
        Optional<String> fromTag;
        Optional<String> toTag;
        OptionalInt maxForwards = OptionalInt.empty();
        boolean contentType;
        int bodyLength;

        /** False when a field is missing, repeated or not in a shape read here. */
        boolean read(List<SipHeader> headers) {
            for (SipHeader h : headers) {
                if (!readOne(h.name(), h.value().strip())) {
                    return false;
                }
            }
            return callId != null && cseqMethod != null && fromTag != null && toTag != null && !vias.isEmpty();
        }

        private boolean readOne(String name, String value) {
            if (name.length() == 1) {
                return false; // a compact form (RFC 3261 section 7.3.3): not what our composer writes
            }
            if (name.equalsIgnoreCase("Via")) {
                SipVia via = via(value);
                return via != null && vias.add(via);
            }
            if (name.equalsIgnoreCase("Call-ID")) {
                if (callId != null || value.isEmpty() || hasWhiteSpace(value)) {
                    return false;
                }
                callId = value;
                return true;
            }
            if (name.equalsIgnoreCase("CSeq")) {
                return cseqMethod == null && cseq(value);
            }
            if (name.equalsIgnoreCase("From")) {
                return fromTag == null && (fromTag = tag(value)) != null;
            }
            if (name.equalsIgnoreCase("To")) {
                return toTag == null && (toTag = tag(value)) != null;
            }
            if (name.equalsIgnoreCase("Content-Length")) {
                return false; // the composer writes it from the body (RFC 3261 section 20.14)
            }
            if (name.equalsIgnoreCase("Content-Type")) {
                return !contentType && (contentType = true);
            }
            if (name.equalsIgnoreCase("Max-Forwards")) {
                return maxForwards.isEmpty() && maxForwards(value);
            }
            return true;
        }

        /** RFC 3261 section 20.16: CSeq = 1*DIGIT LWS Method. */
        private boolean cseq(String value) {
            int sp = value.indexOf(' ');
            if (sp < 1 || sp > 10 || !allDigits(value, 0, sp)) {
                return false;
            }
            String m = value.substring(sp + 1).strip();
            if (!RawHeaderBlock.isToken(m)) {
                return false;
            }
            cseqNumber = Long.parseLong(value, 0, sp, 10);
            cseqMethod = m;
            return cseqNumber <= 0xFFFFFFFFL; // RFC 3261 section 8.1.1.5: 32 bits
        }

        /** RFC 3261 section 20.22: Max-Forwards = 1*DIGIT (0-255). */
        private boolean maxForwards(String value) {
            if (value.isEmpty() || value.length() > 3 || !allDigits(value, 0, value.length())) {
                return false;
            }
            int v = Integer.parseInt(value);
            maxForwards = OptionalInt.of(v);
            return v <= 255;
        }
    }

    /**
     * One Via value, {@code SIP/2.0/TRANSPORT host[:port]*(;param)} (RFC 3261 section 20.42), or
     * null for another shape (LWS inside sent-protocol, IPv6 sent-by, a list, quoted parameters).
     */
    static SipVia via(String value) {
        if (!value.regionMatches(true, 0, "SIP/2.0/", 0, 8) || value.indexOf(',') >= 0 || value.indexOf('"') >= 0) {
            return null;
        }
        int sp = value.indexOf(' ', 8);
        if (sp < 0 || !RawHeaderBlock.isToken(value.substring(8, sp))) {
            return null;
        }
        String transport = value.substring(8, sp).toUpperCase(java.util.Locale.ROOT);
        int semi = value.indexOf(';', sp);
        String sentBy = (semi < 0 ? value.substring(sp + 1) : value.substring(sp + 1, semi)).strip();
        int colon = sentBy.indexOf(':');
        String host = colon < 0 ? sentBy : sentBy.substring(0, colon);
        if (host.isEmpty() || !isHostName(host)) {
            return null;
        }
        OptionalInt port = OptionalInt.empty();
        if (colon >= 0) {
            String p = sentBy.substring(colon + 1);
            if (p.isEmpty() || p.length() > 5 || !allDigits(p, 0, p.length())) {
                return null;
            }
            int n = Integer.parseInt(p);
            if (n < 1 || n > 65535) {
                return null;
            }
            port = OptionalInt.of(n);
        }
        Optional<String> branch = Optional.empty();
        while (semi >= 0) {
            int next = value.indexOf(';', semi + 1);
            String param = (next < 0 ? value.substring(semi + 1) : value.substring(semi + 1, next)).strip();
            int eq = param.indexOf('=');
            String pname = (eq < 0 ? param : param.substring(0, eq)).strip();
            if (pname.isEmpty()) {
                return null;
            }
            if (pname.equalsIgnoreCase("branch")) {
                String b = eq < 0 ? "" : param.substring(eq + 1).strip();
                if (branch.isPresent() || !RawHeaderBlock.isToken(b)) {
                    return null;
                }
                branch = Optional.of(b);
            }
            semi = next;
        }
        return new SipVia(transport, host, port, branch);
    }

    /**
     * The tag parameter of a From or To value (RFC 3261 section 20.20): {@code Optional.empty()}
     * when there is none, null when the value has a shape not read here. Parameters after a
     * name-addr's {@code >}, or after an addr-spec without brackets, are header parameters.
     */
    static Optional<String> tag(String value) {
        int from = 0;
        if (value.startsWith("\"")) {
            from = closingQuote(value);
            if (from < 0) {
                return null;
            }
        }
        int lt = value.indexOf('<', from);
        int params;
        if (lt >= 0) {
            int gt = value.indexOf('>', lt);
            if (gt < 0) {
                return null;
            }
            params = value.indexOf(';', gt);
        } else {
            if (from > 0 || value.indexOf('?') >= 0 || value.indexOf(',') >= 0) {
                return null; // a quoted display name needs <>, an addr-spec has no headers part
            }
            params = value.indexOf(';');
        }
        if (params >= 0 && value.indexOf('"', params) >= 0) {
            return null;
        }
        Optional<String> tag = Optional.empty();
        while (params >= 0) {
            int next = value.indexOf(';', params + 1);
            String param = (next < 0 ? value.substring(params + 1) : value.substring(params + 1, next)).strip();
            int eq = param.indexOf('=');
            String pname = (eq < 0 ? param : param.substring(0, eq)).strip();
            if (pname.equalsIgnoreCase("tag")) {
                String t = eq < 0 ? "" : param.substring(eq + 1).strip();
                if (tag.isPresent() || !RawHeaderBlock.isToken(t)) {
                    return null;
                }
                tag = Optional.of(t);
            }
            params = next;
        }
        return tag;
    }

    /** Index after the quoted-string that starts {@code value} (RFC 3261 section 25.1, quoted-pair aware), or -1. */
    private static int closingQuote(String value) {
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i + 1;
            }
        }
        return -1;
    }

    /** A host name or IPv4 address: letters, digits, '-' and '.' (RFC 3261 section 25.1 hostname / IPv4address). */
    private static boolean isHostName(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    private static boolean allDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return to > from;
    }

    private static boolean hasWhiteSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) <= ' ') {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        // the Request-URI, Call-ID and tags may carry numbers or identifiers: sizes only
        return "ComposedHead[" + (isRequest() ? "request" : "response") + ", vias=" + vias.size() + "]";
    }
}
