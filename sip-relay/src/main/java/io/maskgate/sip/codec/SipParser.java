package io.maskgate.sip.codec;

import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.net.InetSocketAddress;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one framed message (header block and body, already delimited by a decoder) into a
 * {@link SipDecodeResult}. Parsing is jain-sip-ri's {@link StringMsgParser} used without its
 * stack, in strict mode; {@link SipMessageValidator} adds the checks it lacks.
 *
 * <p>Nothing thrown by the parser escapes: a {@link ParseException} or any runtime exception
 * (jain-sip has been seen to throw NullPointerException on odd start lines) becomes
 * {@link SipDecodeResult.Malformed}. Stateless and thread-safe.
 */
public final class SipParser {

    private static final Logger log = LoggerFactory.getLogger(SipParser.class);

    private final SipMessageValidator validator = new SipMessageValidator();

    /**
     * Parses one message.
     *
     * @param headerBlock start line through the empty line (CRLF CRLF) inclusive
     * @param body the body, exactly as framed (Content-Length octets, or the datagram's rest)
     * @param source where the bytes came from; stamped into the top Via of a request as
     *     "received" (RFC 3261 section 18.2.1) and "rport" (RFC 3581 section 4)
     */
    public SipDecodeResult parse(byte[] headerBlock, byte[] body, InetSocketAddress source) {
        return parse(RawHeaderBlock.scan(headerBlock), body, source);
    }

    /** As {@link #parse(byte[], byte[], InetSocketAddress)} for a header block the framing already scanned. */
    SipDecodeResult parse(RawHeaderBlock head, byte[] body, InetSocketAddress source) {
        byte[] headerBlock = head.bytes();
        Optional<String> bad = validator.checkHeaderBlock(head);
        if (bad.isPresent()) {
            return malformed(bad.get(), head, source);
        }
        List<String> headerErrors = new ArrayList<>(1);
        SIPMessage parsed;
        try {
            parsed = new StringMsgParser().parseSIPMessage(headerBlock, false, true, recordHeaderErrors(headerErrors));
        } catch (ParseException e) {
            return malformed(head.looksLikeResponse() ? "Malformed Status-Line" : "Malformed Request-Line", head,
                    source);
        } catch (RuntimeException e) {
            log.debug("parser failed with {}", e.getClass().getName());
            return malformed("Unparseable message", head, source);
        } finally {
            ParserDepthGuard.check();
            HeaderNameCacheGuard.check();
        }
        if (parsed == null) {
            return malformed("Empty message", head, source);
        }
        if (!headerErrors.isEmpty()) {
            return malformed("Malformed " + headerErrors.get(0) + " header", head, source);
        }
        bad = validator.checkParsed(parsed);
        if (bad.isPresent()) {
            return malformed(bad.get(), head, source);
        }
        try {
            attachBody(parsed, body);
            if (parsed instanceof SIPRequest) {
                stampReceived(parsed, source);
            }
        } catch (ParseException | RuntimeException e) {
            log.debug("post-parse step failed with {}", e.getClass().getName());
            return malformed("Malformed Via header", head, source);
        }
        return new SipDecodeResult.Decoded(new SipMessage(parsed, wireVersion(head), headerBlock));
    }

    /**
     * How many times, in this process, jain-sip's cache of header names was emptied because it had
     * grown past its bound ({@link HeaderNameCacheGuard}): each time means some thousands of
     * distinct header names were received.
     */
    public static long headerNameCacheClears() {
        return HeaderNameCacheGuard.clears();
    }

    /**
     * jain-sip calls the listener for each header it cannot parse and goes on when the listener
     * returns; for the start line it must throw, since jain-sip would carry on with no start
     * line at all. Only the header name is kept: the text may hold a phone number.
     */
    private static ParseExceptionListener recordHeaderErrors(List<String> errors) {
        return (ex, message, headerClass, headerText, messageText) -> {
            if (headerClass == gov.nist.javax.sip.header.RequestLine.class
                    || headerClass == gov.nist.javax.sip.header.StatusLine.class) {
                throw ex;
            }
            String name = headerName(headerText);
            errors.add(name.isEmpty() ? "unnamed" : name);
        };
    }

    private static String headerName(String headerText) {
        if (headerText == null) {
            return "";
        }
        int colon = headerText.indexOf(':');
        String name = colon < 0 ? "" : headerText.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        // the name goes into the reason phrase: letters and hyphens only, so never a number
        return name.length() <= 32 && name.matches("[a-z][a-z-]*") ? name : "";
    }

    /** Our framing decided the body; Content-Length is made to match it (RFC 3261 section 20.14). */
    private static void attachBody(SIPMessage parsed, byte[] body) throws ParseException {
        if (body.length > 0) {
            parsed.setMessageContent(body);
        }
        parsed.setContentLength(new ContentLength(body.length));
    }

    private static void stampReceived(SIPMessage parsed, InetSocketAddress source) throws ParseException {
        Via top = parsed.getTopmostVia();
        if (top == null || source.getAddress() == null) {
            return;
        }
        top.setReceived(source.getAddress().getHostAddress());
        if (top.hasParameter(Via.RPORT)) {
            top.setParameter(Via.RPORT, Integer.toString(source.getPort()));
        }
    }

    /** The SIP-Version token of a start line the validator already checked for shape. */
    private static String wireVersion(RawHeaderBlock head) {
        String line = head.startLine();
        return head.looksLikeResponse() ? line.substring(0, line.indexOf(' ')) : line.substring(line.lastIndexOf(' ') + 1);
    }

    private static SipDecodeResult malformed(String reason, RawHeaderBlock head, InetSocketAddress source) {
        return new SipDecodeResult.Malformed(400, reason, head.looksLikeResponse(),
                StatelessReply.recover(head, source), false);
    }
}
