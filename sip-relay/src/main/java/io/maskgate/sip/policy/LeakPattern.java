package io.maskgate.sip.policy;

import io.maskgate.core.number.NumberNormalizer;
import io.maskgate.core.number.PhoneNumber;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The digits that betray one real number, precomputed once per call, and a one-pass matcher
 * over encoded message bytes.
 *
 * <p>Every common spelling of a number ({@code +919812345678}, {@code 919812345678},
 * {@code 09812345678}, {@code 00919812345678}, {@code %2B919812345678}, bare
 * {@code 9812345678}, and all of them with visual separators {@code - . ( )} or spaces, RFC 3966
 * section 5.1.1) contains its national significant digits in order. So one needle, the national
 * digits, is searched in the stream of digits of the message, where visual separators are
 * skipped, {@code %XX} escapes are decoded (RFC 3986 section 2.1) and any other character ends a
 * run. Matching is Knuth-Morris-Pratt: one pass, no allocation, no backtracking.
 *
 * <p>When the country code is not known to {@link NumberNormalizer#NATIONAL_LENGTHS} and is not
 * the configured default, the needle is all digits of the E.164 form (the national part cannot be
 * told apart then); spellings without the country code are not caught for such numbers.
 *
 * <p>{@link #toString()} shows the masked number only.
 */
public final class LeakPattern implements io.maskgate.sip.codec.WireScanner {

    /** Needles shorter than this would match random digits (SDP session ids) too often. */
    static final int MIN_NEEDLE_DIGITS = 6;

    /**
     * The number's E.164 digits (no {@code +}), then the KMP failure table of the needle, one byte
     * per needle digit (a failure value is shorter than the needle, at most 15 digits). One array
     * per pattern: a call holds two patterns for its whole life, and a {@code PhoneNumber}, its
     * string and an {@code int[]} table each cost more than these few bytes (2 KB per call is
     * the budget).
     */
    private final byte[] digitsThenFailure;
    private final byte needleStart;
    private final byte needleLength;

    private LeakPattern(String digits, int needleStart) {
        int needleLength = digits.length() - needleStart;
        this.digitsThenFailure = new byte[digits.length() + needleLength];
        for (int i = 0; i < digits.length(); i++) {
            digitsThenFailure[i] = (byte) digits.charAt(i);
        }
        this.needleStart = (byte) needleStart;
        this.needleLength = (byte) needleLength;
        fillFailureTable();
    }

    /**
     * The pattern of {@code number}.
     *
     * @param defaultCountryCode the country whose numbers peers may send without a country code
     *     (the {@link NumberNormalizer#defaultCountryCode()} of the deployment)
     */
    public static LeakPattern of(PhoneNumber number, String defaultCountryCode) {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(defaultCountryCode, "defaultCountryCode");
        String digits = number.digits();
        // country codes are a prefix code (ITU-T E.164 Annex A): at most one of them matches
        for (String cc : NumberNormalizer.NATIONAL_LENGTHS.keySet()) {
            if (isNationalPrefix(digits, cc)) {
                return new LeakPattern(digits, cc.length());
            }
        }
        if (isNationalPrefix(digits, defaultCountryCode)) {
            return new LeakPattern(digits, defaultCountryCode.length());
        }
        return new LeakPattern(digits, 0);
    }

    private static boolean isNationalPrefix(String digits, String countryCode) {
        return digits.startsWith(countryCode) && digits.length() - countryCode.length() >= MIN_NEEDLE_DIGITS;
    }

    /** The number this pattern finds. */
    public PhoneNumber number() {
        return PhoneNumber.ofE164("+" + new String(digitsThenFailure, 0, digitsLength(), StandardCharsets.US_ASCII));
    }

    private int digitsLength() {
        return digitsThenFailure.length - needleLength;
    }

    /** Number of digits searched for (tests, diagnostics). */
    public int needleLength() {
        return needleLength;
    }

    /** True when the number appears in {@code bytes[from, to)} in any spelling described above. */
    @Override
    public boolean foundIn(byte[] bytes, int from, int to) {
        byte[] table = digitsThenFailure;
        int needle = needleStart;
        int failure = digitsLength();
        int length = needleLength;
        int matched = 0;
        int i = from;
        while (i < to) {
            int c = bytes[i] & 0xff;
            int width = 1;
            if (c == '%' && i + 2 < to && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
                c = hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]);
                width = 3;
            }
            i += width;
            if (c >= '0' && c <= '9') {
                while (matched > 0 && table[needle + matched] != c) {
                    matched = table[failure + matched - 1];
                }
                if (table[needle + matched] == c) {
                    matched++;
                }
                if (matched == length) {
                    return true;
                }
            } else if (!isVisualSeparator(c)) {
                matched = 0;
            }
        }
        return false;
    }

    public boolean foundIn(byte[] bytes) {
        return foundIn(bytes, 0, bytes.length);
    }

    /** RFC 3966 visual-separator, plus the space people type in display names. */
    private static boolean isVisualSeparator(int c) {
        return c == '-' || c == '.' || c == '(' || c == ')' || c == ' ';
    }

    private static int hex(byte b) {
        int c = b & 0xff;
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** The KMP failure function of the needle, written after the digits. */
    private void fillFailureTable() {
        byte[] t = digitsThenFailure;
        int p = needleStart;
        int f = digitsLength();
        int k = 0;
        for (int i = 1; i < needleLength; i++) {
            while (k > 0 && t[p + k] != t[p + i]) {
                k = t[f + k - 1];
            }
            if (t[p + k] == t[p + i]) {
                k++;
            }
            t[f + i] = (byte) k;
        }
    }

    @Override
    public String toString() {
        return "LeakPattern[" + number().masked() + ", " + needleLength + " digits]";
    }
}
