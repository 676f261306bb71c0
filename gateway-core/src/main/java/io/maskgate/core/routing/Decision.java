package io.maskgate.core.routing;

import io.maskgate.core.number.PhoneNumber;
import io.maskgate.core.session.SessionId;
import java.util.Objects;

/**
 * The outcome of the one routing decision both relays share. A relay forwards a message only
 * when it holds a {@link Route}, or a {@link Fallback} that it knows how to place; everything else
 * is refused (fail closed).
 */
public sealed interface Decision {

    /**
     * Route to {@code target} (the counterpart's real number) presenting {@code presented} (the
     * proxy number) as the caller / source. {@code callerId} and {@code calleeId} are the
     * pseudonymous participant ids, safe for events and logs.
     */
    record Route(
            PhoneNumber target,
            PhoneNumber presented,
            SessionId sessionId,
            String purpose,
            String callerId,
            String calleeId,
            String consentDecisionId) implements Decision {
        public Route {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(presented, "presented");
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(callerId, "callerId");
            Objects.requireNonNull(calleeId, "calleeId");
            Objects.requireNonNull(consentDecisionId, "consentDecisionId");
        }
    }

    /**
     * Out of session, redirected: the caller is not a participant of any live session on
     * {@code presented} (the proxy number V), and conf sends such calls to {@code target}, the
     * fallback number (e.g. the support line), presenting V as the caller id. Voice only. There is
     * no session, purpose or counterpart: nothing of a participant is known or revealed, and no
     * consent is asked (the fallback line is the operator's own). {@code instead} is the refusal this
     * replaces ({@link RefusalReason#NO_SESSION}); {@code detail} is for operators, never a number.
     */
    record Fallback(PhoneNumber target, PhoneNumber presented, RefusalReason instead, String detail)
            implements Decision {
        public Fallback {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(presented, "presented");
            Objects.requireNonNull(instead, "instead");
            Objects.requireNonNull(detail, "detail");
        }

        /** What a relay that cannot redirect answers instead (fail closed): the refusal it replaced. */
        public Refuse asRefusal() {
            return new Refuse(instead, detail);
        }
    }

    /**
     * Not routed. {@code detail} is for operators and never contains a number.
     * {@code callerNumberInvalid} is true when the reason is INVALID_NUMBER and it was the caller's
     * (sender's) own number that did not normalise, not the dialled proxy: SMPP answers those with
     * different codes (ESME_RINVSRCADR vs ESME_RINVDSTADR), and only the Router knows which it was.
     */
    record Refuse(RefusalReason reason, String detail, boolean callerNumberInvalid) implements Decision {
        public Refuse {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
            if (callerNumberInvalid && reason != RefusalReason.INVALID_NUMBER) {
                throw new IllegalArgumentException("callerNumberInvalid goes with INVALID_NUMBER only");
            }
        }

        /** A refusal that does not blame the caller's number. */
        public Refuse(RefusalReason reason, String detail) {
            this(reason, detail, false);
        }
    }
}
