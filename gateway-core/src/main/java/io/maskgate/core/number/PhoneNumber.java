package io.maskgate.core.number;

import java.util.Objects;

/**
 * A phone number in E.164 form ({@code +} then 8 to 15 digits, first digit not 0).
 *
 * <p>Instances are only made by {@link NumberNormalizer} or {@link #ofE164(String)}, so holding
 * one means the digits were checked. {@link #toString()} is masked on purpose: a number that
 * slips into a log line, an exception message or a debugger shows only its country prefix and
 * last two digits. Call {@link #e164()} where the real value is needed (the wire, the cipher).
 */
public record PhoneNumber(String e164) {

    public PhoneNumber {
        Objects.requireNonNull(e164, "e164");
        if (!isE164(e164)) {
            throw new IllegalArgumentException("not an E.164 number (" + masked(e164) + ")");
        }
    }

    /** Wraps a string that is already E.164; use {@link NumberNormalizer} for anything typed by people or peers. */
    public static PhoneNumber ofE164(String e164) {
        return new PhoneNumber(e164);
    }

    /** Digits without the leading {@code +}. */
    public String digits() {
        return e164.substring(1);
    }

    /** {@code +9198******78}: country prefix and the first two national digits, then the last two. */
    public String masked() {
        return masked(e164);
    }

    @Override
    public String toString() {
        return "PhoneNumber[" + masked() + "]";
    }

    static boolean isE164(String s) {
        int n = s.length();
        if (n < 9 || n > 16 || s.charAt(0) != '+' || s.charAt(1) == '0') {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    static String masked(String s) {
        if (s == null) {
            return "null";
        }
        int n = s.length();
        if (n <= 6) {
            return "*".repeat(n);
        }
        int keepHead = Math.min(5, n - 4);
        return s.substring(0, keepHead) + "*".repeat(n - keepHead - 2) + s.substring(n - 2);
    }
}
