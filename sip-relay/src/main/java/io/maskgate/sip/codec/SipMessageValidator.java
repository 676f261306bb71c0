package io.maskgate.sip.codec;

import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The syntax checks that jain-sip-ri's parser does not make, so that each RFC 4475 section 3.1.2
 * message is refused. Checks return a short fixed reason text (used as the 400 reason phrase,
 * RFC 3261 section 21.4.1) and never echo input.
 *
 * <p>{@link #checkHeaderBlock} runs on the wire form before parsing; {@link #checkParsed} on the
 * message jain-sip produced.
 */
final class SipMessageValidator {

    /**
     * Headers that RFC 3261 section 20 defines with a single value; section 7.3.1 allows
     * repeating a header only when its value is a comma-separated list (RFC 4475 section 3.3.8).
     */
    private static final Set<String> SINGLE_VALUE_HEADERS = Set.of(
            "call-id", "cseq", "from", "to", "max-forwards", "content-type", "content-length");

    /** {@link #SINGLE_VALUE_HEADERS} in a fixed order: index i is bit i of a seen-mask. */
    private static final List<String> SINGLE_VALUE_ORDER = List.copyOf(SINGLE_VALUE_HEADERS);

    /** Headers whose values are name-addr / addr-spec (RFC 3261 section 20). */
    private static final Set<String> ADDRESS_HEADERS = Set.of("from", "to", "contact", "route", "record-route",
            "reply-to");

    /** {@link #ADDRESS_HEADERS} as an array, for {@link #addressHeader}. */
    private static final String[] ADDRESS_HEADER_NAMES = ADDRESS_HEADERS.toArray(String[]::new);

    /** Of those, the ones that may carry a comma-separated list. */
    private static final Set<String> ADDRESS_LIST_HEADERS = Set.of("contact", "route", "record-route");

    Optional<String> checkHeaderBlock(RawHeaderBlock head) {
        if (head.malformedLines() > 0) {
            return Optional.of("Malformed header line");
        }
        Optional<String> startLine = head.looksLikeResponse() ? checkStatusLine(head.startLine())
                : checkRequestLine(head.startLine());
        if (startLine.isPresent()) {
            return startLine;
        }
        // one pass over the fields (this runs for every received message): the first repeated
        // single-value header in wire order is reported
        int seen = 0;
        for (RawHeaderBlock.Field field : head.fields()) {
            int bit = SINGLE_VALUE_ORDER.indexOf(field.name());
            if (bit >= 0) {
                if ((seen & (1 << bit)) != 0) {
                    return Optional.of("Multiple " + field.name() + " headers");
                }
                seen |= 1 << bit;
            }
        }
        for (RawHeaderBlock.Field field : head.fields()) {
            if (ADDRESS_HEADERS.contains(field.name())) {
                Optional<String> bad = checkAddresses(field.value(), ADDRESS_LIST_HEADERS.contains(field.name()));
                if (bad.isPresent()) {
                    return Optional.of(bad.get() + " in " + field.name() + " header");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The header checks of {@link #checkHeaderBlock} for a message we compose, on its header list
     * instead of a scan of its text: the composer builds the start line itself, {@link SipHeader}
     * admits only token names and no CR or LF, and {@link ComposedHead} refuses a repeated
     * single-value header, so what is left is the name-addr syntax of the address headers.
     */
    Optional<String> checkComposed(List<SipHeader> headers) {
        for (SipHeader h : headers) {
            String name = addressHeader(h.name());
            if (name != null) {
                Optional<String> bad = checkAddresses(h.value(), ADDRESS_LIST_HEADERS.contains(name));
                if (bad.isPresent()) {
                    return Optional.of(bad.get() + " in " + name + " header");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The lower-case name of {@code name} when it is one of {@link #ADDRESS_HEADERS}, else null.
     * Compared in place rather than lower-casing every composed header's name first: this runs for
     * every header of every message we send.
     */
    private static String addressHeader(String name) {
        for (String address : ADDRESS_HEADER_NAMES) {
            if (address.equalsIgnoreCase(name)) {
                return address;
            }
        }
        return null;
    }

    /**
     * RFC 3261 section 25.1: Request-Line = Method SP Request-URI SP SIP-Version CRLF. Exactly
     * one SP between elements and none at the end (RFC 4475 sections 3.1.2.8 lwsruri, 3.1.2.9
     * lwsstart, 3.1.2.10 trws); the Request-URI is an addr-spec, never enclosed in angle
     * brackets (section 3.1.2.7 ltgtruri).
     */
    private static Optional<String> checkRequestLine(String line) {
        // Method SP Request-URI SP SIP-Version: exactly two single spaces, three non-empty parts
        // (by index: this runs for every received request, a split would allocate four objects)
        int sp1 = line.indexOf(' ');
        int sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
        if (sp1 <= 0 || sp2 <= sp1 + 1 || sp2 >= line.length() - 1 || line.indexOf(' ', sp2 + 1) >= 0
                || line.indexOf('\t') >= 0) {
            return Optional.of("Malformed Request-Line");
        }
        if (line.charAt(sp1 + 1) == '<') {
            return Optional.of("Request-URI in angle brackets");
        }
        return Optional.empty();
    }

    /** RFC 3261 section 25.1: Status-Line = SIP-Version SP Status-Code SP Reason-Phrase; Status-Code = 3DIGIT. */
    private static Optional<String> checkStatusLine(String line) {
        // SIP-Version SP 3DIGIT, then SP (or the end of a line with no Reason-Phrase)
        int sp = line.indexOf(' ');
        boolean ok = sp > 0 && line.length() >= sp + 4 && isDigit(line.charAt(sp + 1)) && isDigit(line.charAt(sp + 2))
                && isDigit(line.charAt(sp + 3)) && (line.length() == sp + 4 || line.charAt(sp + 4) == ' ');
        return ok ? Optional.empty() : Optional.of("Malformed Status-Line");
    }

    Optional<String> checkParsed(SIPMessage message) {
        // RFC 3261 section 19.1.1 (table): the headers component is not allowed in a
        // Request-URI; RFC 4475 section 3.1.2.11 (escruri) wants a 400.
        if (message instanceof SIPRequest request && request.getRequestURI() instanceof SipUri uri
                && uri.getHeaderNames().hasNext()) {
            return Optional.of("Request-URI carries headers");
        }
        return Optional.empty();
    }

    /** Checks one address header value, split into its list elements when the header allows a list. */
    private static Optional<String> checkAddresses(String value, boolean list) {
        List<String> elements = list ? splitTopLevel(value) : List.of(value);
        for (String element : elements) {
            Optional<String> bad = checkAddress(element.strip());
            if (bad.isPresent()) {
                return bad;
            }
        }
        return Optional.empty();
    }

    /**
     * RFC 3261 section 25.1: name-addr = [ display-name ] LAQUOT addr-spec RAQUOT, with
     * display-name = *(token LWS) / quoted-string, LAQUOT = SWS "<" and RAQUOT = ">" SWS, so no
     * white space inside the brackets (RFC 4475 section 3.1.2.14 badaspec) and no separators in
     * an unquoted display name (section 3.1.2.15 baddn). RFC 3261 section 20.10: an addr-spec
     * holding "?" (or ",") must be enclosed in brackets (section 3.1.2.13 regbadct).
     */
    static Optional<String> checkAddress(String s) {
        if (s.equals("*")) {
            return Optional.empty(); // Contact: * (RFC 3261 section 10.2.2)
        }
        int lt = indexOutsideQuotes(s, '<');
        if (lt == -2) {
            return Optional.of("Unterminated quoted string");
        }
        if (lt < 0) {
            return indexOutsideQuotes(s, '?') >= 0 || indexOutsideQuotes(s, ',') >= 0
                    ? Optional.of("Unbracketed URI with reserved characters") : Optional.empty();
        }
        int gt = s.indexOf('>', lt);
        if (gt < 0) {
            return Optional.of("Unterminated angle bracket");
        }
        if (gt == lt + 1 || isLws(s.charAt(lt + 1)) || isLws(s.charAt(gt - 1))) {
            return Optional.of("White space in addr-spec");
        }
        String display = s.substring(0, lt).strip();
        if (display.isEmpty()) {
            return Optional.empty();
        }
        if (display.charAt(0) == '"') {
            int close = closingQuote(display, 0);
            return close == display.length() - 1 ? Optional.empty() : Optional.of("Malformed display name");
        }
        for (int i = 0; i < display.length(); i++) {
            char c = display.charAt(i);
            if (!RawHeaderBlock.isTokenChar(c) && !isLws(c)) {
                return Optional.of("Malformed display name");
            }
        }
        return Optional.empty();
    }

    /** Index of {@code c} outside quoted strings; -1 when absent, -2 when a quote is unterminated. */
    private static int indexOutsideQuotes(String s, char c) {
        for (int i = 0; i < s.length(); i++) {
            char x = s.charAt(i);
            if (x == '"') {
                i = closingQuote(s, i);
                if (i < 0) {
                    return -2;
                }
            } else if (x == c) {
                return i;
            }
        }
        return -1;
    }

    /** RFC 3261 section 25.1 quoted-string with quoted-pair escapes; index of the closing quote or -1. */
    private static int closingQuote(String s, int open) {
        for (int i = open + 1; i < s.length(); i++) {
            char x = s.charAt(i);
            if (x == '\\') {
                i++;
            } else if (x == '"') {
                return i;
            }
        }
        return -1;
    }

    /** Splits a list header value on commas that are outside quoted strings and angle brackets. */
    private static List<String> splitTopLevel(String value) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char x = value.charAt(i);
            if (x == '"') {
                int close = closingQuote(value, i);
                if (close < 0) {
                    break; // reported by checkAddress on the last element
                }
                i = close;
            } else if (x == '<') {
                depth++;
            } else if (x == '>' && depth > 0) {
                depth--;
            } else if (x == ',' && depth == 0) {
                out.add(value.substring(start, i));
                start = i + 1;
            }
        }
        out.add(value.substring(start));
        return out;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLws(char c) {
        return c == ' ' || c == '\t';
    }
}
