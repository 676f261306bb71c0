package io.maskgate.sip.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The digest algorithms a challenge offers (RFC 8760 adds SHA-256 to SIP; MD5 is what most carrier
 * equipment still answers with). Offered strongest first: a client takes the first it supports.
 */
public enum DigestAlgorithm {
    SHA_256("SHA-256", "SHA-256"),
    MD5("MD5", "MD5");

    private final String token;
    private final String jcaName;

    DigestAlgorithm(String token, String jcaName) {
        this.token = token;
        this.jcaName = jcaName;
    }

    /** The name in the {@code algorithm} parameter. */
    public String token() {
        return token;
    }

    /** The lower-case hex digest of {@code text} (UTF-8). */
    public String hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(jcaName).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jcaName + " is required of every JVM", e);
        }
    }

    /**
     * The algorithm a token names, case-insensitively ({@code MD5}, {@code SHA-256}); null (an
     * {@code algorithm} parameter left out) means MD5 (RFC 2617 section 3.2.1).
     */
    public static Optional<DigestAlgorithm> named(String token) {
        if (token == null) {
            return Optional.of(MD5);
        }
        String upper = token.toUpperCase(Locale.ROOT);
        for (DigestAlgorithm a : values()) {
            if (a.token.equals(upper)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
