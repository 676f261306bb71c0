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
 * <p>The text is handed to jain-sip's parser, so a header we build is checked exactly like one we
 * receive; a field that does not parse is our bug and throws {@link IllegalArgumentException}
 * (whose message names no value: values carry phone numbers). Content-Length is set from the
 * body (RFC 3261 section 20.14). Stateless and thread-safe.
 */
public final class SipComposer {

    private SipComposer() {
    }

    /** A request: {@code method requestUri SIP/2.0}, then the headers in order, then the body. */
    public static SipMessage request(String method, String requestUri, List<SipHeader> headers, byte[] body) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(requestUri, "requestUri");
        if (!RawHeaderBlock.isToken(method) || requestUri.isEmpty() || requestUri.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException("bad request line");
        }
        return compose(method + " " + requestUri + " SIP/2.0", headers, body);
    }

    /** A response: {@code SIP/2.0 status reason}, then the headers in order, then the body. */
    public static SipMessage response(int statusCode, String reasonPhrase, List<SipHeader> headers, byte[] body) {
        if (statusCode < 100 || statusCode > 699) {
            throw new IllegalArgumentException("status code out of range: " + statusCode);
        }
        String reason = Objects.requireNonNull(reasonPhrase, "reasonPhrase").replaceAll("[\\r\\n]", " ");
        return compose("SIP/2.0 " + statusCode + " " + reason, headers, body);
    }

    private static SipMessage compose(String startLine, List<SipHeader> headers, byte[] body) {
        Objects.requireNonNull(body, "body");
        StringBuilder sb = new StringBuilder(512).append(startLine).append("\r\n");
        for (SipHeader h : headers) {
            sb.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
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
        byte[] head = sb.append("Content-Length: ").append(body.length).append("\r\n\r\n").toString()
                .getBytes(StandardCharsets.UTF_8);
        byte[] wire = java.util.Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, wire, head.length, body.length);
        return new SipMessage(parsed, wire);
    }
}
