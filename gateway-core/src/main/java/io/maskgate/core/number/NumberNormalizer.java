package io.maskgate.core.number;

import io.maskgate.core.number.InvalidNumberException.Reason;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a number as typed by people or sent by peers into E.164 ({@code +919812345678}).
 *
 * <p>Accepted forms, with spaces, dashes, dots and parentheses ignored:
 * <ul>
 *   <li>{@code +CC...} - international with plus;</li>
 *   <li>{@code 00CC...} - international with the ITU prefix {@code 00};</li>
 *   <li>{@code 0NNN...} - national with the trunk prefix {@code 0}, in the default country;</li>
 *   <li>{@code CCNNN...} - international without plus, only when the default country has a
 *       {@linkplain #NATIONAL_LENGTHS national length rule} and the digits are exactly
 *       country code + national length long, or when the default country has no rule and the digits
 *       start with its code;</li>
 *   <li>{@code NNN...} - a national number without trunk prefix, in the default country.</li>
 * </ul>
 * URIs ({@code tel:}, {@code sip:user@host}) are not numbers: the relays take the user part out first.
 *
 * <p>Checks: E.164 allows at most 15 digits; we require at least 8 (shorter strings are short
 * codes, not subscribers); a country code never starts with 0. Where {@link #NATIONAL_LENGTHS} knows
 * the country, the national part must have exactly that many digits and must not start with 0.
 * Thread-safe and allocation-light; an instance is made once from conf.
 */
public final class NumberNormalizer {

    /** E.164 section 6.1: at most 15 digits including the country code. */
    public static final int MAX_DIGITS = 15;

    /** Shortest subscriber number we route, country code included. */
    public static final int MIN_DIGITS = 8;

    /**
     * National significant number lengths, by country code. Deliberately small: only countries where
     * we know the rule for every number type (India: 10 digits, mobile and geographic alike since
     * the 2003 plan; NANP: 10 digits). Other countries get only the E.164 bounds. Country codes are
     * a prefix code (ITU-T E.164 Annex A), so matching by prefix is unambiguous.
     */
    public static final Map<String, Integer> NATIONAL_LENGTHS = Map.of("91", 10, "1", 10);

    private final String defaultCountryCode;
    private final Optional<Integer> defaultNationalLength;

    /** @param defaultCountryCode digits only, 1 to 3 of them, not starting with 0, e.g. {@code "91"} */
    public NumberNormalizer(String defaultCountryCode) {
        Objects.requireNonNull(defaultCountryCode, "defaultCountryCode");
        if (!defaultCountryCode.matches("[1-9][0-9]{0,2}")) {
            throw new IllegalArgumentException("default country code must be 1-3 digits not starting with 0");
        }
        this.defaultCountryCode = defaultCountryCode;
        this.defaultNationalLength = Optional.ofNullable(NATIONAL_LENGTHS.get(defaultCountryCode));
    }

    public String defaultCountryCode() {
        return defaultCountryCode;
    }

    /** @throws InvalidNumberException when {@code raw} is not an acceptable number; its message never contains the input */
    public PhoneNumber normalize(String raw) {
        Digits digits = Digits.parse(raw);
        String international = digits.plus() ? digits.value() : internationalise(digits.value());
        check(international);
        return new PhoneNumber("+" + international);
    }

    private String internationalise(String d) {
        if (d.startsWith("00")) {
            return d.substring(2);
        }
        if (d.startsWith("0")) {
            return defaultCountryCode + d.substring(1);
        }
        if (d.startsWith(defaultCountryCode) && looksInternational(d)) {
            return d;
        }
        return defaultCountryCode + d;
    }

    private boolean looksInternational(String d) {
        return defaultNationalLength
                .map(n -> d.length() == defaultCountryCode.length() + n)
                .orElse(true);
    }

    private static void check(String international) {
        if (international.isEmpty() || international.charAt(0) == '0') {
            throw new InvalidNumberException(international.isEmpty() ? Reason.TOO_SHORT : Reason.BAD_COUNTRY_CODE);
        }
        if (international.length() < MIN_DIGITS) {
            throw new InvalidNumberException(Reason.TOO_SHORT);
        }
        if (international.length() > MAX_DIGITS) {
            throw new InvalidNumberException(Reason.TOO_LONG);
        }
        for (Map.Entry<String, Integer> rule : NATIONAL_LENGTHS.entrySet()) {
            if (international.startsWith(rule.getKey())) {
                checkNational(international.substring(rule.getKey().length()), rule.getValue());
                return;
            }
        }
    }

    private static void checkNational(String national, int length) {
        if (national.startsWith("0")) {
            throw new InvalidNumberException(Reason.LEADING_ZERO);
        }
        if (national.length() < length) {
            throw new InvalidNumberException(Reason.TOO_SHORT);
        }
        if (national.length() > length) {
            throw new InvalidNumberException(Reason.TOO_LONG);
        }
    }

    /** The digits of the input, separators removed, and whether it began with {@code +}. */
    private record Digits(boolean plus, String value) {

        /** Longer than any number with generous formatting: refuse before copying. */
        private static final int MAX_INPUT = 64;

        static Digits parse(String raw) {
            if (raw == null || raw.isBlank()) {
                throw new InvalidNumberException(Reason.EMPTY);
            }
            if (raw.length() > MAX_INPUT) {
                throw new InvalidNumberException(Reason.TOO_LONG);
            }
            StringBuilder digits = new StringBuilder(16);
            boolean plus = false;
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c >= '0' && c <= '9') {
                    digits.append(c);
                } else if (c == '+' && digits.length() == 0 && !plus) {
                    plus = true;
                } else if (!isSeparator(c)) {
                    throw new InvalidNumberException(Reason.BAD_CHARACTERS);
                }
            }
            if (digits.length() == 0) {
                throw new InvalidNumberException(Reason.EMPTY);
            }
            return new Digits(plus, digits.toString());
        }

        @Override
        public String toString() {
            return "Digits[" + value.length() + " digits]";
        }

        private static boolean isSeparator(char c) {
            return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')';
        }
    }
}
