package io.maskgate.smpp.relay;

import io.maskgate.core.session.SessionId;
import java.util.Objects;

/**
 * What {@link io.maskgate.smpp.SmppRelay#refusePending} shows a predicate about one routed MT
 * submit whose ESME has not been answered yet (queued, or waiting on a slow upstream): its session
 * and the participants' pseudonymous ids. No number.
 */
public record PendingSubmit(SessionId sessionId, String purpose, String senderId, String recipientId) {
    public PendingSubmit {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(recipientId, "recipientId");
    }

    /** True when {@code participantId} sends or receives it. */
    public boolean involves(String participantId) {
        return senderId.equals(participantId) || recipientId.equals(participantId);
    }
}
