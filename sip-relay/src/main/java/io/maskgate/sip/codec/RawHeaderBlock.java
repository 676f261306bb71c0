package io.maskgate.sip.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The header block of one framed SIP message as the wire carried it: start line and unfolded
 * header fields, names lower-cased and compact forms expanded.
 *
 * <p>jain-sip's parser collapses or silently keeps one of several copies of a header, and it does
 * not tell us how the start line was spaced. The framing decoders and the
 * {@link SipMessageValidator} need exactly that, so we keep our own light view of the bytes.
 * Text is decoded as ISO-8859-1 so that every byte maps to one char and back: values are only
 * used for structure checks and for copying into stateless error replies, never interpreted
 * as UTF-8 text.
 */
final class RawHeaderBlock {

    /** One header field line (after unfolding); {@code name} is lower case, full form. */
    record Field(String name, String value) {
        @Override
        public String toString() {
            // values can carry phone numbers: never print them
            return "Field[" + name + "]";
        }
    }

    private final String startLine;
    private final List<Field> fields;
    private final int malformedLines;
    private final byte[] bytes;

    private RawHeaderBlock(String startLine, List<Field> fields, int malformedLines, byte[] bytes) {
        this.startLine = startLine;
        this.fields = List.copyOf(fields);
        this.malformedLines = malformedLines;
        this.bytes = bytes;
    }

    /**
     * Scans a header block: {@code bytes} holds the start line and the header fields, ending
     * with the empty line (CRLF CRLF) that RFC 3261 section 7 puts before the body.
     */
    static RawHeaderBlock scan(byte[] bytes) {
        // one pass over the bytes by index: this runs for every datagram, so the only copies are
        // the start line and each field's value (names of common headers are constants)
        int n = bytes.length;
        int firstEnd = lineEnd(bytes, 0);
        List<Field> fields = new ArrayList<>(16);
        int malformed = 0;
        StringBuilder folded = null;
        int currentStart = -1;
        int currentColon = -1;
        int currentEnd = -1;
        int pos = firstEnd + 2;
        while (pos < n) {
            int end = lineEnd(bytes, pos);
            if (end == pos) {
                pos = end + 2;
                continue; // the terminating empty line(s)
            }
            byte first = bytes[pos];
            if (first == ' ' || first == '\t') {
                // RFC 3261 section 7.3.1: a line starting with white space continues the field
                if (currentStart < 0) {
                    malformed++;
                } else {
                    if (folded == null) {
                        folded = new StringBuilder(latin1(bytes, currentColon + 1, currentEnd));
                    }
                    folded.append(' ').append(latin1(bytes, pos, end).strip());
                }
                pos = end + 2;
                continue;
            }
            if (currentStart >= 0) {
                fields.add(field(bytes, currentStart, currentColon, currentEnd, folded));
                folded = null;
            }
            int colon = indexOf(bytes, (byte) ':', pos, end);
            if (colon <= pos || !isToken(bytes, pos, colon)) {
                malformed++; // RFC 3261 section 7.3: field-name HCOLON field-value
                currentStart = -1;
            } else {
                currentStart = pos;
                currentColon = colon;
                currentEnd = end;
            }
            pos = end + 2;
        }
        if (currentStart >= 0) {
            fields.add(field(bytes, currentStart, currentColon, currentEnd, folded));
        }
        return new RawHeaderBlock(latin1(bytes, 0, firstEnd), fields, malformed, bytes);
    }

    /** Index of the CRLF ending the line that starts at {@code from}, or the length. */
    private static int lineEnd(byte[] b, int from) {
        for (int i = from; i + 1 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
        }
        return b.length;
    }

    /** The first {@code c} in [from, to), or -1: bounded to the line, so a colon-less line costs its own length only. */
    private static int indexOf(byte[] b, byte c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static String latin1(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** A field from its line [start, end) with the colon at {@code colon}; {@code folded}: the unfolded value. */
    private static Field field(byte[] b, int start, int colon, int end, StringBuilder folded) {
        int nameFrom = skipSpace(b, start, colon);
        int nameTo = trimSpace(b, nameFrom, colon);
        String name = HeaderNames.canonical(b, nameFrom, nameTo);
        if (folded != null) {
            return new Field(name, folded.toString().strip());
        }
        int valueFrom = skipSpace(b, colon + 1, end);
        return new Field(name, latin1(b, valueFrom, trimSpace(b, valueFrom, end)));
    }

    /** As {@link String#strip()}: white space is what {@link Character#isWhitespace} says. */
    private static int skipSpace(byte[] b, int from, int to) {
        while (from < to && isSpace(b[from])) {
            from++;
        }
        return from;
    }

    private static int trimSpace(byte[] b, int from, int to) {
        while (to > from && isSpace(b[to - 1])) {
            to--;
        }
        return to;
    }

    private static boolean isSpace(byte c) {
        return Character.isWhitespace((char) (c & 0xff));
    }

    private static boolean isToken(byte[] b, int from, int to) {
        // as strip(): white space around the name before the colon is allowed (RFC 3261 section 7.3.1)
        from = skipSpace(b, from, to);
        to = trimSpace(b, from, to);
        if (from == to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!isTokenChar((char) (b[i] & 0xff))) {
                return false;
            }
        }
        return true;
    }

    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** RFC 3261 section 25.1: token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~"). */
    static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-.!%*_+`'~".indexOf(c) >= 0;
    }

    String startLine() {
        return startLine;
    }

    /** True when the start line has the form of a Status-Line (RFC 3261 section 7.2). */
    boolean looksLikeResponse() {
        return startLine.startsWith("SIP/");
    }

    /** The value of the one Call-ID field, trimmed; empty when there is none or more than one. */
    java.util.Optional<String> callId() {
        List<String> ids = values("call-id");
        return ids.size() == 1 ? java.util.Optional.of(ids.get(0).strip()) : java.util.Optional.empty();
    }

    List<Field> fields() {
        return fields;
    }

    /** All values of one header (lower-case full name), in wire order. */
    List<String> values(String name) {
        List<String> out = new ArrayList<>(2);
        for (Field f : fields) {
            if (f.name().equals(name)) {
                out.add(f.value());
            }
        }
        return out;
    }

    int malformedLines() {
        return malformedLines;
    }

    /** The header block bytes, start line to the empty line inclusive. Not copied: callers only read. */
    byte[] bytes() {
        return bytes;
    }

    @Override
    public String toString() {
        return "RawHeaderBlock[fields=" + fields.size() + ", bytes=" + bytes.length + "]";
    }
}
