package io.maskgate.server.config;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The validators the key definitions use; each message states the rule and the bad value. */
public final class Validators {

    private Validators() {
    }

    /** An integer in {@code [min, max]}. */
    public static Validator between(int min, int max) {
        return value -> {
            int v = (Integer) value;
            return v < min || v > max
                    ? Optional.of("must be between " + min + " and " + max + ", was " + v)
                    : Optional.empty();
        };
    }

    /** A TCP/UDP port; 0 lets the OS choose (tests). */
    public static Validator port() {
        return between(0, 65535);
    }

    /** One of a fixed set of words. */
    public static Validator oneOf(String... allowed) {
        Set<String> set = Set.of(allowed);
        return value -> set.contains((String) value)
                ? Optional.empty()
                : Optional.of("must be one of " + List.of(allowed) + ", was '" + value + "'");
    }

    /** A string matching {@code regex} entirely; {@code rule} says in words what that means. */
    public static Validator matches(String regex, String rule) {
        Pattern pattern = Pattern.compile(regex);
        return value -> pattern.matcher((String) value).matches()
                ? Optional.empty()
                : Optional.of("must be " + rule + ", was '" + value + "'");
    }

    /**
     * Like {@link #matches} but never repeats the value: for values that may hold a secret or a
     * hash that should not be copied into logs.
     */
    public static Validator matchesQuietly(String regex, String rule) {
        Pattern pattern = Pattern.compile(regex);
        return value -> pattern.matcher((String) value).matches()
                ? Optional.empty()
                : Optional.of("must be " + rule);
    }

    /** A non-blank string. */
    public static Validator nonBlank() {
        return value -> ((String) value).isBlank() ? Optional.of("must not be empty") : Optional.empty();
    }

    /** A host name or IP literal to bind to (no scheme, no port). */
    public static Validator host() {
        return matches("[A-Za-z0-9.:\\-\\[\\]%]{1,253}", "a host name or IP address");
    }

    /** An IP address literal, v4 or v6, never a host name (no DNS lookup is ever made for it). */
    public static Validator ipLiteral() {
        return value -> IpLiterals.address((String) value).isPresent()
                ? Optional.empty()
                : Optional.of("must be an IP address (a.b.c.d or an IPv6 literal, not a host name), was '" + value + "'");
    }

    /** A list of address blocks ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, or one address), IP literals only. */
    public static Validator ipBlocks() {
        return value -> {
            List<?> blocks = (List<?>) value;
            for (int i = 0; i < blocks.size(); i++) {
                if (IpLiterals.block((String) blocks.get(i)).isEmpty()) {
                    return Optional.of("entry " + i + " must be an address block such as 192.0.2.0/24 or "
                            + "2001:db8::/32 (IP literals only), was '" + blocks.get(i) + "'");
                }
            }
            return Optional.empty();
        };
    }
}
