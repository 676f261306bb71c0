package io.maskgate.core.session.codec;

import io.maskgate.core.session.Participant;
import io.maskgate.core.session.Resolution;
import io.maskgate.core.session.SessionId;
import io.maskgate.core.session.SessionMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The value of a routing key: what a caller on a proxy number reaches. Holds a real number (the
 * counterpart's); {@link Participant#toString()} masks it.
 */
public record RoutingEntry(SessionId sessionId, String purpose, String callerId, Participant counterpart, Instant expiresAt,
                           SessionMode mode, Optional<Duration> slidingTtl) {

    public RoutingEntry {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(callerId, "callerId");
        Objects.requireNonNull(counterpart, "counterpart");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(slidingTtl, "slidingTtl");
    }

    /** Both channels, no sliding window (format v1). */
    public RoutingEntry(SessionId sessionId, String purpose, String callerId, Participant counterpart, Instant expiresAt) {
        this(sessionId, purpose, callerId, counterpart, expiresAt, SessionMode.BOTH, Optional.empty());
    }

    /**
     * Routable while {@code now} is before {@link #expiresAt} (the absolute cap; the sliding window
     * is the key's TTL), else {@code NoSession(EXPIRED)}.
     */
    public Resolution resolveAt(Instant now) {
        return resolveAt(now, false);
    }

    /** As {@link #resolveAt(Instant)}, telling whether the session is known to be in progress. */
    public Resolution resolveAt(Instant now, boolean inProgress) {
        if (!now.isBefore(expiresAt)) {
            return new Resolution.NoSession(Resolution.Why.EXPIRED);
        }
        return new Resolution.Routable(sessionId, purpose, callerId, counterpart, expiresAt, mode, slidingTtl,
                inProgress);
    }
}
