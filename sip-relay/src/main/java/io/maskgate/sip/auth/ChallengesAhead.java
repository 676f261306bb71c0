package io.maskgate.sip.auth;

import io.maskgate.sip.codec.SipHeader;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The digest challenges a trunk last sent to an INVITE and the gateway answered, kept to
 * authorize the trunk's next requests (new INVITEs, and the requests in their dialogs) before it
 * challenges them: the same nonce, the next nonce count (RFC 7616 section 3.4.5). A trunk that does not take a nonce again challenges the INVITE,
 * and that challenge is answered as usual and kept in place of this one: never more messages than
 * without it. Shared by the calls of one trunk; thread-safe.
 */
public final class ChallengesAhead {
    /**
     * Uses of one nonce before it is let go and the trunk's next challenge awaited: bounds how
     * long one nonce serves, whatever the trunk's own nonce lifetime.
     */
    static final long MAX_NONCE_COUNT = 100_000;

    private record Held(List<DigestClient.Challenge> challenges, AtomicLong nonceCount) {
    }

    private final long maxNonceCount;
    private volatile Held held;

    public ChallengesAhead() {
        this(MAX_NONCE_COUNT);
    }

    ChallengesAhead(long maxNonceCount) {
        this.maxNonceCount = maxNonceCount;
    }

    /** Keeps {@code challenges}, just answered with nonce count 1; an empty list forgets what was kept. */
    public void answered(List<DigestClient.Challenge> challenges) {
        held = challenges.isEmpty() ? null : new Held(List.copyOf(challenges), new AtomicLong(1));
    }

    /** Credentials for a new INVITE ahead of any challenge; empty when nothing is kept (or it is used up). */
    public List<SipHeader> credentials(String method, String requestUri, DigestAccount account) {
        Held h = held;
        if (h == null) {
            return List.of();
        }
        long nc = h.nonceCount().incrementAndGet();
        if (nc > maxNonceCount) {
            held = null;
            return List.of();
        }
        return DigestClient.ahead(h.challenges(), nc, method, requestUri, account);
    }
}
