package io.maskgate.sip.auth;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Digest authentication of carriers' INVITEs (DESIGN.md section 6: "optional digest auth"), on top
 * of the address ACL, never instead of it.
 *
 * @param realm the protection realm named in every challenge (and hashed into each user's HA1)
 * @param algorithm the one algorithm challenges name and answers must use: MD5, which carrier
 *     equipment answers, or SHA-256 (RFC 8760) where every carrier supports it. One, because
 *     clients commonly take the first challenge they are given, supported or not
 * @param nonceTtl how long a nonce is honoured; an answer to an older one gets a new challenge
 *     with {@code stale=true}. Also how long each accepted answer is remembered so that a replay of
 *     it is refused: the memory this takes grows with calls per second times this
 * @param users the accounts accepted; at least one
 */
public record SipDigestAuthOptions(String realm, DigestAlgorithm algorithm, Duration nonceTtl, List<SipDigestUser> users) {

    public static final String DEFAULT_REALM = "maskgate";
    public static final Duration DEFAULT_NONCE_TTL = Duration.ofSeconds(30);

    public SipDigestAuthOptions {
        Objects.requireNonNull(realm, "realm");
        if (realm.isEmpty() || realm.indexOf('"') >= 0 || realm.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("realm must be non-empty, without '\"' or '\\'");
        }
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(nonceTtl, "nonceTtl");
        if (nonceTtl.toSeconds() < 1 || nonceTtl.toSeconds() > 3600) {
            throw new IllegalArgumentException("nonceTtl must be 1 s .. 1 h");
        }
        users = List.copyOf(users);
        if (users.isEmpty()) {
            throw new IllegalArgumentException("users must name at least one account");
        }
        Set<String> names = new HashSet<>();
        for (SipDigestUser u : users) {
            if (!names.add(u.username())) {
                throw new IllegalArgumentException("username " + u.username() + " appears twice");
            }
        }
    }
}
