package io.maskgate.sip.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Header names as {@link RawHeaderBlock} keeps them: lower case, compact forms expanded.
 *
 * <p>Why a table: every received message has a dozen or so fields, and copying and lower-casing
 * each name allocated two strings per field. The names carriers send every time are matched in
 * place against constants; any other name is copied once.
 */
final class HeaderNames {

    /** RFC 3261 section 7.3.3 compact forms, plus the common RFC 3515/3892/4028/6665 ones. */
    private static final Map<String, String> COMPACT_FORMS = Map.ofEntries(
            Map.entry("i", "call-id"), Map.entry("m", "contact"), Map.entry("e", "content-encoding"),
            Map.entry("l", "content-length"), Map.entry("c", "content-type"), Map.entry("f", "from"),
            Map.entry("s", "subject"), Map.entry("k", "supported"), Map.entry("t", "to"),
            Map.entry("v", "via"), Map.entry("o", "event"), Map.entry("u", "allow-events"),
            Map.entry("r", "refer-to"), Map.entry("b", "referred-by"), Map.entry("x", "session-expires"));

    private static final List<String> COMMON = List.of("via", "from", "to", "call-id", "cseq", "contact",
            "max-forwards", "content-length", "content-type", "record-route", "route", "allow", "supported",
            "require", "proxy-require", "unsupported", "user-agent", "server", "expires", "session-expires",
            "min-se", "rseq", "rack", "p-asserted-identity", "p-preferred-identity", "remote-party-id",
            "diversion", "history-info", "privacy", "reason", "warning", "retry-after", "accept", "allow-events",
            "event", "date", "timestamp", "subject", "content-disposition", "content-encoding", "mime-version",
            "authorization", "www-authenticate", "proxy-authenticate", "proxy-authorization", "call-info",
            "alert-info", "organization", "priority");

    /** {@link #COMMON} by length, so a name is compared only with constants as long as itself. */
    private static final String[][] BY_LENGTH = byLength();

    private HeaderNames() {
    }

    /** The canonical name of the field name in {@code b[from, to)} (a token, already checked). */
    static String canonical(byte[] b, int from, int to) {
        int length = to - from;
        if (length < BY_LENGTH.length) {
            for (String known : BY_LENGTH[length]) {
                if (equalsIgnoreCase(known, b, from)) {
                    return known;
                }
            }
        }
        String name = new String(b, from, length, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        return length == 1 ? COMPACT_FORMS.getOrDefault(name, name) : name;
    }

    /** {@code known} is lower case ASCII; ORing 0x20 lower-cases ASCII letters and leaves '-' alone. */
    private static boolean equalsIgnoreCase(String known, byte[] b, int from) {
        for (int i = 0; i < known.length(); i++) {
            char k = known.charAt(i);
            int c = b[from + i];
            if (c != k && !(k >= 'a' && k <= 'z' && (c | 0x20) == k)) {
                return false;
            }
        }
        return true;
    }

    private static String[][] byLength() {
        int longest = COMMON.stream().mapToInt(String::length).max().orElse(0);
        List<List<String>> buckets = new ArrayList<>();
        for (int i = 0; i <= longest; i++) {
            buckets.add(new ArrayList<>());
        }
        COMMON.forEach(name -> buckets.get(name.length()).add(name));
        return buckets.stream().map(l -> l.toArray(String[]::new)).toArray(String[][]::new);
    }
}
