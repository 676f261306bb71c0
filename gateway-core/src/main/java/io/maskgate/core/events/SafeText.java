package io.maskgate.core.events;

import java.util.Objects;

/**
 * Free text for events and audit records (a purpose, a pseudonymous participant id, a consent
 * decision id) that cannot hold anything looking like a phone number: every run of
 * {@value #MIN_DIGITS} or more digits, alone or broken up by spaces, dots, dashes or brackets and
 * optionally led by {@code +}, has its digits replaced by {@code *} when the value is made.
 *
 * <p>This is the last line of defence, not the design: ids come from the OMS/CRM and are meant to
 * be pseudonyms such as {@code cust-123}. When one turns out to hold a number anyway, the event or
 * record still goes out (analytics and audit must not lose it) with the digits masked, and
 * {@link #masked()} tells the publisher to count it, so the leak is visible on a dashboard and can
 * be fixed at the source.
 *
 * <p>The threshold errs towards masking: eight digits is the shortest E.164 number
 * ({@code +} and 8 digits, see {@link io.maskgate.core.number.PhoneNumber}), and an Indian mobile
 * number without its country code has ten. A long order number inside an id is masked too.
 */
public record SafeText(String value, boolean masked) {

    /** Digits in one run from which the run counts as a possible phone number. */
    public static final int MIN_DIGITS = 8;

    private static final char MASK = '*';
    private static final int MAX_GAP = 2;

    /** Use {@link #of}; this constructor only accepts values {@link #of} would leave unchanged. */
    public SafeText {
        Objects.requireNonNull(value, "value");
        if (looksLikeNumber(value)) {
            throw new IllegalArgumentException("value holds a phone-number-like digit run; use SafeText.of");
        }
    }

    /** The text with every phone-number-like digit run masked. */
    public static SafeText of(String text) {
        Objects.requireNonNull(text, "text");
        String scrubbed = mask(text);
        return new SafeText(scrubbed, !scrubbed.equals(text));
    }

    /** True if {@code text} holds a run of at least {@value #MIN_DIGITS} digits (separators allowed). */
    public static boolean looksLikeNumber(String text) {
        return !mask(text).equals(text);
    }

    /** {@code text} with the digits of every long run replaced by {@code *}; the same instance if none. */
    static String mask(String text) {
        char[] chars = null;
        int i = 0;
        int n = text.length();
        while (i < n) {
            if (!isDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int end = runEnd(text, i);
            if (digitsIn(text, i, end) >= MIN_DIGITS) {
                if (chars == null) {
                    chars = text.toCharArray();
                }
                for (int k = i; k < end; k++) {
                    if (isDigit(chars[k])) {
                        chars[k] = MASK;
                    }
                }
            }
            i = end;
        }
        return chars == null ? text : new String(chars);
    }

    /**
     * End of a digit run starting at {@code start}: digit groups joined by at most
     * {@value #MAX_GAP} separators each ({@code ") "} in {@code (080) 4567 8901}).
     */
    private static int runEnd(String text, int start) {
        int n = text.length();
        int end = start;
        while (end < n && isDigit(text.charAt(end))) {
            end++;
            int next = end;
            while (next < n && next - end < MAX_GAP && isSeparator(text.charAt(next))) {
                next++;
            }
            if (next > end && next < n && isDigit(text.charAt(next))) {
                end = next;
            }
        }
        return end;
    }

    private static int digitsIn(String text, int start, int end) {
        int count = 0;
        for (int i = start; i < end; i++) {
            if (isDigit(text.charAt(i))) {
                count++;
            }
        }
        return count;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** What people put between digit groups: {@code +91 98765-43210}, {@code (080) 4567.8901}. */
    private static boolean isSeparator(char c) {
        return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/';
    }

    @Override
    public String toString() {
        return value;
    }
}
