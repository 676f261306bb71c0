package io.maskgate.sip.auth;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A carrier account the relay accepts digest credentials for. Only H(username:realm:password) is
 * kept, per algorithm: the password itself is not held after start-up, and nothing here prints.
 */
public final class SipDigestUser {
    private final String username;
    private final Map<DigestAlgorithm, String> ha1;

    private SipDigestUser(String username, Map<DigestAlgorithm, String> ha1) {
        this.username = username;
        this.ha1 = ha1;
    }

    /** @throws IllegalArgumentException for an empty username or password */
    public static SipDigestUser of(String username, String realm, String password) {
        Objects.requireNonNull(realm, "realm");
        if (username == null || username.isEmpty() || username.indexOf('"') >= 0 || username.indexOf(':') >= 0) {
            throw new IllegalArgumentException("username must be non-empty, without '\"' or ':'");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("password must be non-empty");
        }
        Map<DigestAlgorithm, String> ha1 = new EnumMap<>(DigestAlgorithm.class);
        for (DigestAlgorithm a : DigestAlgorithm.values()) {
            ha1.put(a, a.hex(username + ":" + realm + ":" + password));
        }
        return new SipDigestUser(username, ha1);
    }

    public String username() {
        return username;
    }

    String ha1(DigestAlgorithm algorithm) {
        return ha1.get(algorithm);
    }

    @Override
    public String toString() {
        return "SipDigestUser[" + username + "]";
    }
}
