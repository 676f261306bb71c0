package io.maskgate.sip.b2bua;

import io.maskgate.core.session.SessionId;
import java.util.Objects;

/**
 * What {@link SipRelay#endCalls} shows a predicate about one call in progress: its session and
 * the participants' pseudonymous ids. No number, no Call-ID (carriers put numbers in them).
 *
 * @param answered true once the callee answered; false while it is still being set up (ringing)
 */
public record LiveCall(SessionId sessionId, String purpose, String callerId, String calleeId, boolean answered) {
    public LiveCall {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(callerId, "callerId");
        Objects.requireNonNull(calleeId, "calleeId");
    }

    /** True when {@code participantId} is the caller or the callee. */
    public boolean involves(String participantId) {
        return callerId.equals(participantId) || calleeId.equals(participantId);
    }
}
