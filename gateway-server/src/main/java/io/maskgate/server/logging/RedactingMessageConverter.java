package io.maskgate.server.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Logback {@code %redactedMsg}: the log message with anything that looks like a phone number
 * masked to its first three and last two characters ({@code +91********78}). A safety net under
 * the rule that code never logs a number: a misplaced log statement must not leak one.
 *
 * <p>"Looks like" is deliberately broad: 8 or more digits, optionally after {@code +}, with up to
 * two of the separators people type (space, dash, dot, parentheses) between digits. Long ids made
 * only of digits are masked too; that costs less than a leaked number. ISO dates
 * ({@code 2026-11-26}) are left alone so that expiry times stay readable.
 */
public final class RedactingMessageConverter extends ClassicConverter {

    private static final Pattern NUMBER_LIKE = Pattern.compile("\\+?\\d(?:[ \\-.()]{0,2}\\d){7,}");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    @Override
    public String convert(ILoggingEvent event) {
        return redact(event.getFormattedMessage());
    }

    /** Masks every number-like run of {@code text}; {@code null} stays {@code null}. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = NUMBER_LIKE.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            String match = m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(ISO_DATE.matcher(match).matches() ? match : mask(match)));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }

    private static String mask(String s) {
        int n = s.length();
        return s.substring(0, 3) + "*".repeat(n - 5) + s.substring(n - 2);
    }
}
