package io.maskgate.sip.auth;

import java.util.Objects;

/**
 * The account the gateway answers an outbound trunk's digest challenges with (RFC 3261 section
 * 22.2). Unlike {@link SipDigestUser}, the password itself is held: the trunk names the realm and
 * the algorithm in each challenge, so nothing can be hashed ahead of them. It never prints.
 */
public record DigestAccount(String username, String password) {

    /** @throws IllegalArgumentException for an empty username or password, or a username with '"' */
    public DigestAccount {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (username.isEmpty() || username.indexOf('"') >= 0 || username.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("username must be non-empty, without '\"' or '\\'");
        }
        if (password.isEmpty()) {
            throw new IllegalArgumentException("password must be non-empty");
        }
    }

    @Override
    public String toString() {
        return "DigestAccount[" + username + "]";
    }
}
