package io.maskgate.smpp.server;

import io.maskgate.core.rate.RateLimit;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An ESME allowed to bind: its system_id, the SHA-256 of its password (hex, never the password
 * itself), how many binds it may hold at once and its submit rate limit (shared by its binds).
 * {@link #toString()} hides the hash.
 */
public record EsmeAccount(String systemId, String passwordSha256Hex, int maxBinds, RateLimit rateLimit) {
    /** An account without a rate limit. */
    public EsmeAccount(String systemId, String passwordSha256Hex, int maxBinds) {
        this(systemId, passwordSha256Hex, maxBinds, RateLimit.UNLIMITED);
    }

    /** SMPP 3.4 section 4.1: system_id is a C-Octet String of at most 16 octets. */
    public static final int MAX_SYSTEM_ID_LENGTH = 15;

    public EsmeAccount {
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(passwordSha256Hex, "passwordSha256Hex");
        Objects.requireNonNull(rateLimit, "rateLimit");
        if (systemId.isEmpty() || systemId.length() > MAX_SYSTEM_ID_LENGTH) {
            throw new IllegalArgumentException("systemId must be 1.." + MAX_SYSTEM_ID_LENGTH + " characters");
        }
        if (passwordSha256Hex.length() != 64 || !passwordSha256Hex.chars().allMatch(Character::isLetterOrDigit)) {
            throw new IllegalArgumentException("passwordSha256Hex must be 64 hex digits (account " + systemId + ")");
        }
        HexFormat.of().parseHex(passwordSha256Hex);
        Checks.range("maxBinds", maxBinds, 1, 1000);
        passwordSha256Hex = passwordSha256Hex.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return "EsmeAccount[systemId=" + systemId + ", passwordSha256Hex=[hidden], maxBinds=" + maxBinds
                + ", rateLimit=" + rateLimit + "]";
    }
}
