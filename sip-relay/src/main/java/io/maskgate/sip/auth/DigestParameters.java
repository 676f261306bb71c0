package io.maskgate.sip.auth;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of a Digest header: the credentials of {@code Proxy-Authorization} and
 * {@code Authorization}, or the challenge of {@code WWW-Authenticate} and
 * {@code Proxy-Authenticate} (RFC 3261 section 25.1, RFC 7616 sections 3.3 and 3.4):
 * comma-separated {@code name=value} pairs, values plain or quoted strings with backslash escapes.
 * A parameter named twice, a quoted string left open or a scheme other than Digest makes the whole
 * header unusable.
 */
record DigestParameters(Map<String, String> parameters) {

    static Optional<DigestParameters> parse(String header) {
        String h = header.strip();
        if (h.length() < 7 || !h.regionMatches(true, 0, "Digest", 0, 6) || !Character.isWhitespace(h.charAt(6))) {
            return Optional.empty();
        }
        Map<String, String> params = new HashMap<>();
        int i = 6;
        int n = h.length();
        while (i < n) {
            while (i < n && (Character.isWhitespace(h.charAt(i)) || h.charAt(i) == ',')) {
                i++;
            }
            if (i == n) {
                break;
            }
            int eq = h.indexOf('=', i);
            if (eq < 0) {
                return Optional.empty();
            }
            String name = h.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            i = eq + 1;
            while (i < n && Character.isWhitespace(h.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && h.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = h.charAt(i++);
                    if (c == '\\' && i < n) {
                        value.append(h.charAt(i++));
                    } else if (c == '"') {
                        closed = true;
                        break;
                    } else {
                        value.append(c);
                    }
                }
                if (!closed) {
                    return Optional.empty();
                }
            } else {
                while (i < n && h.charAt(i) != ',') {
                    value.append(h.charAt(i++));
                }
            }
            if (name.isEmpty() || params.put(name, value.toString().strip()) != null) {
                return Optional.empty();
            }
        }
        return Optional.of(new DigestParameters(Map.copyOf(params)));
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(parameters.get(name));
    }
}
