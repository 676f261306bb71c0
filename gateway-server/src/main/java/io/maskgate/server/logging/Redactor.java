package io.maskgate.server.logging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks everything in a text that looks like a phone number: the one redaction rule every log
 * path uses (message, arguments, MDC values, exception messages and stack traces, stderr), in
 * plain and JSON output. A safety net under the rule that code never logs a number: a misplaced
 * log statement, a library's message or an exception that quotes its input must not leak one.
 *
 * <p>"Looks like" is deliberately broad: 8 or more digits, optionally after {@code +} or inside
 * parentheses, with up to two of the separators people type (space, dash, dot, parentheses,
 * slash) between digits. That covers E.164 ({@code +919876543210}), bare 10-15 digit runs,
 * national numbers with a trunk 0 ({@code 09876543210}), and spellings such as
 * {@code +91 98765-43210} or {@code (022) 2345.6789}. Long ids made only of digits are masked
 * too; that costs less than a leaked number. ISO dates ({@code 2026-11-26}) and IPv4 addresses
 * are left alone so that log lines stay readable.
 *
 * <p>Masking keeps the separators, a leading {@code +} with at most two digits after it (the
 * country code's start, as {@code PhoneNumber.masked()} keeps the prefix) and the last two digits:
 * {@code +919876543210} becomes {@code +91********10}, {@code 098765 43210} becomes
 * {@code *********10}. Two digits of a number are not enough to find it, yet let a reader tell two
 * masked numbers apart in one incident.
 */
public final class Redactor {

    private static final Pattern NUMBER_LIKE = Pattern.compile("\\+?\\(?\\d(?:[ \\-.()/]{0,2}\\d){7,}");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(?:[ T]\\d{2})?");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");
    private static final int KEEP_TAIL = 2;
    private static final int KEEP_AFTER_PLUS = 2;

    private Redactor() {
    }

    /** {@code text} with every number-like run masked; {@code null} stays {@code null}. */
    public static String redact(String text) {
        if (text == null || !mayHoldNumber(text)) {
            return text;
        }
        Matcher m = NUMBER_LIKE.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            String match = m.group();
            boolean readable = ISO_DATE.matcher(match).matches() || IPV4.matcher(match).matches();
            m.appendReplacement(out, Matcher.quoteReplacement(readable ? match : mask(match)));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }

    /** Cheap pre-check: most log lines have fewer than 8 digits and skip the regex. */
    private static boolean mayHoldNumber(String text) {
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9' && ++digits >= 8) {
                return true;
            }
        }
        return false;
    }

    /** Every digit becomes {@code *} except a {@code +} prefix's first two and the last two. */
    static String mask(String s) {
        int digits = 0;
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                digits++;
            }
        }
        int keepHead = s.startsWith("+") ? KEEP_AFTER_PLUS : 0;
        StringBuilder out = new StringBuilder(s.length());
        int seen = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isDigit(c)) {
                out.append(c);
                continue;
            }
            seen++;
            out.append(seen <= keepHead || seen > digits - KEEP_TAIL ? c : '*');
        }
        return out.toString();
    }
}
