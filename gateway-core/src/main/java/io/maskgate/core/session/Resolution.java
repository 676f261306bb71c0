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
     * @param inProgress true when the store already holds a routed interaction of this session (it is
     *     in progress), read with the entry in the same round trip; false when not, or not known
     */
    record Routable(SessionId sessionId, String purpose, String callerId, Participant counterpart, Instant expiresAt,
                    SessionMode mode, Optional<Duration> slidingTtl, boolean inProgress)
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

        /** Not known to be in progress (a {@link SessionStore#touch} would record the first interaction). */
        public Routable(SessionId sessionId, String purpose, String callerId, Participant counterpart, Instant expiresAt,
                        SessionMode mode, Optional<Duration> slidingTtl) {
            this(sessionId, purpose, callerId, counterpart, expiresAt, mode, slidingTtl, false);
        }

        /** Both channels, no sliding window. */
        public Routable(SessionId sessionId, String purpose, String callerId, Participant counterpart, Instant expiresAt) {
            this(sessionId, purpose, callerId, counterpart, expiresAt, SessionMode.BOTH, Optional.empty());
        }

        /**
         * True when a routed interaction would change the store: the first one (open -> in progress),
         * or any one of a session with a sliding window (it moves the window). A second interaction of
         * a session without one changes nothing, so the router skips the write.
         */
        public boolean needsTouch() {
            return !inProgress || slidingTtl.isPresent();
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
