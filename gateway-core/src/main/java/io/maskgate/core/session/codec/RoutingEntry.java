package io.maskgate.core.session.codec;

import io.maskgate.core.session.Participant;
import io.maskgate.core.session.Resolution;
import io.maskgate.core.session.SessionId;
import java.time.Instant;
import java.util.Objects;

/**
 * The value of a routing key: what a caller on a proxy number reaches. Holds a real number (the
 * counterpart's); {@link Participant#toString()} masks it.
 */
public record RoutingEntry(SessionId sessionId, String purpose, String callerId, Participant counterpart, Instant expiresAt) {

    public RoutingEntry {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(callerId, "callerId");
        Objects.requireNonNull(counterpart, "counterpart");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Routable while {@code now} is before {@link #expiresAt}, else {@code NoSession(EXPIRED)}. */
    public Resolution resolveAt(Instant now) {
        if (!now.isBefore(expiresAt)) {
            return new Resolution.NoSession(Resolution.Why.EXPIRED);
        }
        return new Resolution.Routable(sessionId, purpose, callerId, counterpart, expiresAt);
    }
}
