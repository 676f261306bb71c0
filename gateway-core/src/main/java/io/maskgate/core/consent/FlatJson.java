package io.maskgate.core.consent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * JSON for the consent contracts, which are flat objects of strings, numbers, booleans and nulls.
 * Reading refuses anything else (nested values, duplicate names, trailing text) with
 * {@link IllegalArgumentException}; an adapter turns that into its own "bad answer" result.
 * Numbers are kept as their text. Strings support every RFC 8259 escape.
 */
final class FlatJson {

    /** Largest body read: the contracts are a few hundred bytes. */
    static final int MAX_LENGTH = 16 * 1024;

    /** A JSON null in a parsed object; other values are {@link String} (strings and number text) or {@link Boolean}. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private final String in;
    private int pos;

    private FlatJson(String in) {
        this.in = in;
    }

    /** Parses one flat object into its members in order. */
    static Map<String, Object> parseObject(String json) {
        if (json.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("JSON longer than " + MAX_LENGTH + " characters");
        }
        FlatJson p = new FlatJson(json);
        Map<String, Object> members = p.object();
        p.skipSpace();
        if (p.pos != json.length()) {
            throw p.error("trailing text");
        }
        return members;
    }

    /** A string member, empty when absent or null; any other type is an error. */
    static Optional<String> optionalString(Map<String, Object> members, String name) {
        Object v = members.get(name);
        if (v == null || v == NULL) {
            return Optional.empty();
        }
        if (v instanceof Quoted q) {
            return Optional.of(q.text());
        }
        throw new IllegalArgumentException("member " + name + " is not a string");
    }

    static String requiredString(Map<String, Object> members, String name) {
        return optionalString(members, name)
                .orElseThrow(() -> new IllegalArgumentException("member " + name + " is missing"));
    }

    /** A non-negative integer member. */
    static long requiredWholeNumber(Map<String, Object> members, String name) {
        Object v = members.get(name);
        if (!(v instanceof NumberText n)) {
            throw new IllegalArgumentException("member " + name + " is missing or not a number");
        }
        if (!n.text().matches("0|[1-9][0-9]{0,17}")) {
            throw new IllegalArgumentException("member " + name + " is not a non-negative integer");
        }
        return Long.parseLong(n.text());
    }

    /** {@code {"a":"x","b":"y"}} from name/value pairs, in order; values are strings. */
    static String writeObject(Map<String, String> members) {
        StringBuilder out = new StringBuilder(64).append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : members.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            writeString(out, e.getKey());
            out.append(':');
            writeString(out, e.getValue());
        }
        return out.append('}').toString();
    }

    private static void writeString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** A string value as parsed (distinct from a number's text). */
    record Quoted(String text) {}

    /** A number value's text, validated against the JSON grammar. */
    record NumberText(String text) {}

    private Map<String, Object> object() {
        skipSpace();
        expect('{');
        Map<String, Object> members = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            pos++;
            return members;
        }
        while (true) {
            skipSpace();
            String name = string();
            skipSpace();
            expect(':');
            skipSpace();
            if (members.put(name, value()) != null) {
                throw error("duplicate member " + name);
            }
            skipSpace();
            char c = next();
            if (c == '}') {
                return members;
            }
            if (c != ',') {
                throw error("expected , or }");
            }
        }
    }

    private Object value() {
        char c = peek();
        if (c == '"') {
            return new Quoted(string());
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
        }
        if (in.startsWith("null", pos)) {
            pos += 4;
            return NULL;
        }
        if (in.startsWith("true", pos)) {
            pos += 4;
            return Boolean.TRUE;
        }
        if (in.startsWith("false", pos)) {
            pos += 5;
            return Boolean.FALSE;
        }
        throw error("unsupported value (only strings, numbers, booleans, null)");
    }

    private NumberText number() {
        int start = pos;
        while (pos < in.length() && "+-0123456789.eE".indexOf(in.charAt(pos)) >= 0) {
            pos++;
        }
        String text = in.substring(start, pos);
        if (!text.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
            throw error("bad number");
        }
        return new NumberText(text);
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw error("control character in string");
            }
            out.append(c == '\\' ? escape() : c);
        }
    }

    private char escape() {
        char c = next();
        return switch (c) {
            case '"', '\\', '/' -> c;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> unicode();
            default -> throw error("bad escape");
        };
    }

    private char unicode() {
        if (pos + 4 > in.length()) {
            throw error("truncated \\u escape");
        }
        try {
            char c = (char) Integer.parseInt(in.substring(pos, pos + 4), 16);
            pos += 4;
            return c;
        } catch (NumberFormatException e) {
            throw error("bad \\u escape");
        }
    }

    private void skipSpace() {
        while (pos < in.length() && " \t\r\n".indexOf(in.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private void expect(char c) {
        if (next() != c) {
            throw error("expected " + c);
        }
    }

    private char peek() {
        if (pos >= in.length()) {
            throw error("unexpected end");
        }
        return in.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    /** Names the offset only: the text may hold ids that do not belong in a log line. */
    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("bad JSON at offset " + pos + ": " + what);
    }
}
