package io.maskgate.core.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer of {@link SessionStore#resolve}: either the counterpart to route to, or why not.
 * A value, not an exception, so that every caller has to handle each case (fail closed).
 */
public sealed interface Resolution {

    /**
     * The caller is a participant of a live session on the proxy number.
     *
     * @param expiresAt the session's absolute expiry (the cap of a sliding window)
     * @param mode the channels the session serves; the router refuses the others
     * @param slidingTtl the session's sliding window, if it has one
     */
    record Routable(SessionId sessionId, String purpose, String callerId, Participant counterpart, Instant expiresAt,
                    SessionMode mode, Optional<Duration> slidingTtl)
            implements Resolution {
        public Routable {
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(callerId, "callerId");
            Objects.requireNonNull(counterpart, "counterpart");
            Objects.requireNonNull(expiresAt, "expiresAt");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(slidingTtl, "slidingTtl");
        }

        /** Both channels, no sliding window. */
        public Routable(SessionId sessionId, String purpose, String callerId, Participant counterpart, Instant expiresAt) {
            this(sessionId, purpose, callerId, counterpart, expiresAt, SessionMode.BOTH, Optional.empty());
        }
    }

    /** No live session binds this caller to this proxy number (never existed, deleted, expired, or undecryptable). */
    record NoSession(Why why) implements Resolution {
        public NoSession {
            Objects.requireNonNull(why, "why");
        }
    }

    /** The store could not answer in time or at all. Callers must refuse, never route. */
    record Unavailable(String detail) implements Resolution {
        public Unavailable {
            Objects.requireNonNull(detail, "detail");
        }
    }

    enum Why {
        /** No routing entry for (proxy, caller). */
        NOT_FOUND,
        /** An entry exists but its expiresAt has passed (Redis TTL not yet fired, or clocks drift). */
        EXPIRED,
        /** An entry exists but does not decrypt under its key (tampered, copied under another key, unknown key id). */
        UNREADABLE
    }
}
