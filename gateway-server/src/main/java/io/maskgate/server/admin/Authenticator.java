package io.maskgate.server.admin;

import io.maskgate.server.config.AdminToken;
import io.maskgate.server.config.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * Checks {@code Authorization: Bearer <token>} (RFC 6750 section 2.1) against the SHA-256 hashes in
 * conf. Every configured hash is compared, in constant time, whatever matched before, so the time
 * taken does not tell which token (or how much of a hash) was right.
 */
public final class Authenticator {

    /** The outcome; the token itself is never kept. */
    public sealed interface Result {
        /** No Authorization header, or not a Bearer one. */
        record Missing() implements Result {
        }

        /** A bearer token that matches no configured hash. */
        record Unknown() implements Result {
        }

        record Known(String name, Role role) implements Result {
        }
    }

    private static final String BEARER = "bearer ";

    private final List<AdminToken> tokens;

    public Authenticator(List<AdminToken> tokens) {
        this.tokens = List.copyOf(tokens);
    }

    public Result authenticate(Optional<String> authorization) {
        if (authorization.isEmpty()) {
            return new Result.Missing();
        }
        String header = authorization.get().strip();
        // The auth-scheme is case-insensitive (RFC 7235 section 2.1).
        if (header.length() <= BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return new Result.Missing();
        }
        byte[] presented = sha256(header.substring(BEARER.length()).strip());
        AdminToken match = null;
        for (AdminToken token : tokens) {
            if (MessageDigest.isEqual(token.sha256(), presented) && match == null) {
                match = token;
            }
        }
        return match == null ? new Result.Unknown() : new Result.Known(match.name(), match.role());
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
