package io.maskgate.sip.b2bua;

import io.maskgate.core.session.SessionId;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link SipRelay#endCalls} shows a predicate about one call in progress: its session and
 * the participants' pseudonymous ids. No number, no Call-ID (carriers put numbers in them).
 *
 * @param sessionId the session; empty for an out-of-session call redirected to the fallback number,
 *     which has no session, purpose or participant ids (those are empty strings)
 * @param answered true once the callee answered; false while it is still being set up (ringing)
 */
public record LiveCall(Optional<SessionId> sessionId, String purpose, String callerId, String calleeId,
                       boolean answered) {
    public LiveCall {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(callerId, "callerId");
        Objects.requireNonNull(calleeId, "calleeId");
    }

    /** A call of a session. */
    public LiveCall(SessionId sessionId, String purpose, String callerId, String calleeId, boolean answered) {
        this(Optional.of(sessionId), purpose, callerId, calleeId, answered);
    }

    /** An out-of-session call placed to the fallback number. */
    static LiveCall outOfSession(boolean answered) {
        return new LiveCall(Optional.empty(), "", "", "", answered);
    }

    /** True for an out-of-session call placed to the fallback number. */
    public boolean isFallback() {
        return sessionId.isEmpty();
    }

    /** True when {@code participantId} is the caller or the callee (never for a fallback call). */
    public boolean involves(String participantId) {
        return !participantId.isEmpty() && (callerId.equals(participantId) || calleeId.equals(participantId));
    }
}
