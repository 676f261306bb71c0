package io.maskgate.server.config;

import java.util.HexFormat;
import java.util.Objects;

/**
 * One admin API token as conf knows it: the SHA-256 of the bearer value, never the value.
 *
 * @param sha256 the 32-byte digest (a copy is returned by the accessor)
 */
public record AdminToken(String name, Role role, byte[] sha256) {
    public AdminToken {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        if (sha256.length != 32) {
            throw new IllegalArgumentException("sha256 must be 32 bytes");
        }
        sha256 = sha256.clone();
    }

    static AdminToken fromHex(String name, Role role, String hex) {
        return new AdminToken(name, role, HexFormat.of().parseHex(hex));
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AdminToken t && t.name.equals(name) && t.role == role
                && java.security.MessageDigest.isEqual(t.sha256, sha256);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, role);
    }

    /** The hash is not the token, but still nothing to copy around: hidden. */
    @Override
    public String toString() {
        return "AdminToken[name=" + name + ", role=" + role.confName() + ", sha256=[hidden]]";
    }
}
