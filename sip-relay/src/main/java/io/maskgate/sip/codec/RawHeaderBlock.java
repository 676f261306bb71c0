package io.maskgate.sip.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

    /** RFC 3261 section 7.3.3 compact forms, plus the common RFC 3515/3892/4028/6665 ones. */
    private static final Map<String, String> COMPACT_FORMS = Map.ofEntries(
            Map.entry("i", "call-id"), Map.entry("m", "contact"), Map.entry("e", "content-encoding"),
            Map.entry("l", "content-length"), Map.entry("c", "content-type"), Map.entry("f", "from"),
            Map.entry("s", "subject"), Map.entry("k", "supported"), Map.entry("t", "to"),
            Map.entry("v", "via"), Map.entry("o", "event"), Map.entry("u", "allow-events"),
            Map.entry("r", "refer-to"), Map.entry("b", "referred-by"), Map.entry("x", "session-expires"));

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
        // one pass over the text by index: this runs for every datagram, so no regex split and no
        // substring per line beyond the field itself
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int n = text.length();
        int firstEnd = lineEnd(text, 0);
        List<Field> fields = new ArrayList<>(16);
        int malformed = 0;
        StringBuilder folded = null;
        int currentStart = -1;
        int currentEnd = -1;
        int pos = firstEnd + 2;
        while (pos < n) {
            int end = lineEnd(text, pos);
            if (end == pos) {
                pos = end + 2;
                continue; // the terminating empty line(s)
            }
            char first = text.charAt(pos);
            if (first == ' ' || first == '\t') {
                // RFC 3261 section 7.3.1: a line starting with white space continues the field
                if (currentStart < 0) {
                    malformed++;
                } else {
                    if (folded == null) {
                        folded = new StringBuilder(text.substring(currentStart, currentEnd));
                    }
                    folded.append(' ').append(text.substring(pos, end).strip());
                }
                pos = end + 2;
                continue;
            }
            if (currentStart >= 0) {
                fields.add(toField(folded != null ? folded.toString() : text.substring(currentStart, currentEnd)));
                folded = null;
            }
            int colon = indexOf(text, ':', pos, end);
            if (colon <= pos || !isToken(text, pos, colon)) {
                malformed++; // RFC 3261 section 7.3: field-name HCOLON field-value
                currentStart = -1;
            } else {
                currentStart = pos;
                currentEnd = end;
            }
            pos = end + 2;
        }
        if (currentStart >= 0) {
            fields.add(toField(folded != null ? folded.toString() : text.substring(currentStart, currentEnd)));
        }
        return new RawHeaderBlock(text.substring(0, firstEnd), fields, malformed, bytes);
    }

    /** Index of the CRLF ending the line that starts at {@code from}, or the text's length. */
    private static int lineEnd(String text, int from) {
        int i = text.indexOf("\r\n", from);
        return i < 0 ? text.length() : i;
    }

    /** The first {@code c} in [from, to), or -1: bounded to the line, so a colon-less line costs its own length only. */
    private static int indexOf(String text, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static Field toField(String line) {
        int colon = line.indexOf(':');
        String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String full = name.length() == 1 ? COMPACT_FORMS.getOrDefault(name, name) : name;
        return new Field(full, line.substring(colon + 1).strip());
    }

    private static boolean isToken(String s, int from, int to) {
        // as strip(): white space around the name before the colon is allowed (RFC 3261 section 7.3.1)
        while (to > from && Character.isWhitespace(s.charAt(to - 1))) {
            to--;
        }
        while (from < to && Character.isWhitespace(s.charAt(from))) {
            from++;
        }
        if (from == to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!isTokenChar(s.charAt(i))) {
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
