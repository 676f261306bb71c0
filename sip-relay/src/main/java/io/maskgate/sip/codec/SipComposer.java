package io.maskgate.sip.codec;

import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.Objects;

/**
 * Builds new messages from a start line, header fields and a body: what a B2BUA does for every
 * message it sends on a leg, since it never forwards a received message object.
 *
 * <p>Parsing our own text again with jain-sip cost about a third of the relay's CPU, so a message
 * whose Via, Call-ID, CSeq, From and To are in the canonical shapes {@link ComposedHead} reads
 * is not parsed: it carries that view and its wire bytes, and jain-sip parses the bytes only if
 * an accessor beyond the view is called. What we built is still checked: {@link SipHeader} allows
 * no CR or LF and only token names, the view reads the fields transactions depend on, and the
 * {@link SipMessageValidator} checks the header block as it checks a received one (start line,
 * repeated single-value headers, name-addr syntax of From, To, Contact, Route; see
 * {@link SipMessageValidator#checkComposed}). With assertions
 * on (every test run), each composed message is also parsed strictly by jain-sip as before.
 * Any other message is parsed by jain-sip at once. A field that does not pass is our bug and
 * throws {@link IllegalArgumentException} (whose message names no value: values carry phone
 * numbers). Content-Length is set from the body (RFC 3261 section 20.14). Stateless and
 * thread-safe.
 */
public final class SipComposer {

    private static final SipMessageValidator VALIDATOR = new SipMessageValidator();

    private SipComposer() {
    }

    /** A request: {@code method requestUri SIP/2.0}, then the headers in order, then the body. */
    public static SipMessage request(String method, String requestUri, List<SipHeader> headers, byte[] body) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(requestUri, "requestUri");
        if (!RawHeaderBlock.isToken(method) || requestUri.isEmpty() || requestUri.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException("bad request line");
        }
        Objects.requireNonNull(body, "body");
        return compose(method + " " + requestUri + " SIP/2.0", headers, body,
                ComposedHead.ofRequest(method, requestUri, headers, body.length));
    }

    /** A response: {@code SIP/2.0 status reason}, then the headers in order, then the body. */
    public static SipMessage response(int statusCode, String reasonPhrase, List<SipHeader> headers, byte[] body) {
        if (statusCode < 100 || statusCode > 699) {
            throw new IllegalArgumentException("status code out of range: " + statusCode);
        }
        String reason = singleLine(Objects.requireNonNull(reasonPhrase, "reasonPhrase"));
        Objects.requireNonNull(body, "body");
        return compose("SIP/2.0 " + statusCode + " " + reason, headers, body,
                ComposedHead.ofResponse(statusCode, reason, headers, body.length));
    }

    /** CR and LF turned into spaces, so a phrase can never end the Status-Line; the phrase itself when it has none. */
    private static String singleLine(String phrase) {
        return phrase.indexOf('\r') < 0 && phrase.indexOf('\n') < 0 ? phrase
                : phrase.replace('\r', ' ').replace('\n', ' ');
    }

    private static SipMessage compose(String startLine, List<SipHeader> headers, byte[] body,
            java.util.Optional<ComposedHead> view) {
        if (view.isPresent()) {
            return unparsed(startLine, headers, body, view.get());
        }
        StringBuilder sb = headerLines(startLine, headers);
        int headersEnd = sb.length();
        sb.append("Content-Length: 0\r\n\r\n");
        SIPMessage parsed;
        try {
            parsed = new StringMsgParser().parseSIPMessage(sb.toString().getBytes(StandardCharsets.UTF_8), false, false,
                    (ex, message, headerClass, headerText, messageText) -> {
                        throw ex;
                    });
            if (parsed == null) {
                throw new IllegalArgumentException("composed message is empty");
            }
            if (body.length > 0) {
                parsed.setMessageContent(body.clone());
            }
            parsed.setContentLength(new ContentLength(body.length));
        } catch (ParseException e) {
            // the offending text may hold a number: say where, not what
            throw new IllegalArgumentException("composed message does not parse at offset " + e.getErrorOffset());
        }
        // The text just parsed is the wire form (with the real Content-Length and the body): sending
        // it saves rendering the parsed message back to text, and the leak guard checks these bytes.
        sb.setLength(headersEnd);
        sb.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        return new SipMessage(parsed, withBody(sb, body));
    }

    /** A message in the shape {@link ComposedHead} reads: checked, not parsed (see the class comment). */
    private static SipMessage unparsed(String startLine, List<SipHeader> headers, byte[] body, ComposedHead view) {
        java.util.Optional<String> bad = VALIDATOR.checkComposed(headers);
        if (bad.isPresent()) {
            // the validator's reasons are fixed texts and header names, never values
            throw new IllegalArgumentException("composed message is malformed: " + bad.get());
        }
        StringBuilder sb = headerLines(startLine, headers);
        sb.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] wire = withBody(sb, body);
        assert parsesStrictly(java.util.Arrays.copyOf(wire, wire.length - body.length)) : "composed message does not parse";
        return new SipMessage(view, wire);
    }

    /**
     * Start line and header fields, each ending in CRLF, in a builder with room left for the
     * Content-Length line: every message is composed once, on the hot path, so it never grows.
     */
    private static StringBuilder headerLines(String startLine, List<SipHeader> headers) {
        int n = startLine.length() + 2 + "Content-Length: ".length() + 10 + 4;
        for (SipHeader h : headers) {
            n += h.name().length() + h.value().length() + 4;
        }
        StringBuilder sb = new StringBuilder(n).append(startLine).append("\r\n");
        for (SipHeader h : headers) {
            sb.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        return sb;
    }

    /** The head as UTF-8 followed by the body, in one array (an all-ASCII head, the usual case, is copied once). */
    private static byte[] withBody(StringBuilder head, byte[] body) {
        int n = head.length();
        byte[] wire = new byte[n + body.length];
        for (int i = 0; i < n; i++) {
            char c = head.charAt(i);
            if (c >= 0x80) {
                byte[] utf8 = head.toString().getBytes(StandardCharsets.UTF_8);
                wire = java.util.Arrays.copyOf(utf8, utf8.length + body.length);
                System.arraycopy(body, 0, wire, utf8.length, body.length);
                return wire;
            }
            wire[i] = (byte) c;
        }
        System.arraycopy(body, 0, wire, n, body.length);
        return wire;
    }

    /** The check every composed message got before: jain-sip parses its header block strictly. */
    private static boolean parsesStrictly(byte[] head) {
        try {
            return new StringMsgParser().parseSIPMessage(head, false, false,
                    (ex, message, headerClass, headerText, messageText) -> {
                        throw ex;
                    }) != null;
        } catch (ParseException e) {
            return false;
        }
    }
}
