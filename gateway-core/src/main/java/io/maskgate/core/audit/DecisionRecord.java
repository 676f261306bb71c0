package io.maskgate.core.audit;

import io.maskgate.core.events.SafeText;
import io.maskgate.core.routing.Channel;
import io.maskgate.core.routing.Decision;
import io.maskgate.core.routing.RefusalReason;
import io.maskgate.core.session.SessionId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the decision log keeps about one routing decision: when, on which channel, routed or refused
 * and why, for which session and purpose, between which pseudonymous participants, under which
 * consent decision. Never a phone number: there is no field for one (the target and the proxy
 * number of a {@link Decision.Route} are left out on purpose), and the free-text fields are
 * {@link SafeText}, which masks anything that looks like one.
 *
 * <p>The sequence number and the node name are not here: the log's single writer stamps them, so
 * that sequence order, file order and chain order are the same by construction (see
 * {@link AuditEntry}).
 *
 * @param time when the decision was made (the caller's clock)
 * @param channel voice or SMS
 * @param outcome routed, refused, or redirected to the fallback number
 * @param reason present exactly when refused or redirected (the refusal it replaced)
 * @param sessionId the session, when one was resolved
 * @param purpose the session's purpose, when known
 * @param callerId pseudonymous id of the calling / sending participant, when known
 * @param calleeId pseudonymous id of the called / receiving participant, when known
 * @param consentDecisionId the consent platform's decision id, when consent was asked
 */
public record DecisionRecord(
        Instant time,
        Channel channel,
        Outcome outcome,
        Optional<RefusalReason> reason,
        Optional<SessionId> sessionId,
        Optional<SafeText> purpose,
        Optional<SafeText> callerId,
        Optional<SafeText> calleeId,
        Optional<SafeText> consentDecisionId) implements LogRecord {

    /** Whether the message was forwarded, and where. */
    public enum Outcome {
        ROUTED,
        REFUSED,
        /**
         * An out-of-session call placed to the fallback number (e.g. the support line) instead of
         * being refused; the reason is the refusal it replaced (no_session). No session, no parties.
         */
        FALLBACK;

        /** Lower-case form used in the log line. */
        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public DecisionRecord {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(callerId, "callerId");
        Objects.requireNonNull(calleeId, "calleeId");
        Objects.requireNonNull(consentDecisionId, "consentDecisionId");
        for (Optional<SafeText> text : List.of(purpose, callerId, calleeId, consentDecisionId)) {
            if (text.map(t -> t.value().isEmpty()).orElse(false)) {
                throw new IllegalArgumentException("an empty text field must be absent, not present and empty");
            }
        }
        if ((outcome != Outcome.ROUTED) != reason.isPresent()) {
            throw new IllegalArgumentException(
                    "a refusal reason is required for refused and fallback decisions and only for them");
        }
    }

    /** The record of a {@link Decision}: every field of a route, the reason of a refusal. */
    public static DecisionRecord of(Instant time, Channel channel, Decision decision) {
        if (decision instanceof Decision.Route route) {
            return new DecisionRecord(time, channel, Outcome.ROUTED, Optional.empty(),
                    Optional.of(route.sessionId()), text(route.purpose()), text(route.callerId()),
                    text(route.calleeId()), text(route.consentDecisionId()));
        }
        if (decision instanceof Decision.Fallback fallback) {
            return new DecisionRecord(time, channel, Outcome.FALLBACK, Optional.of(fallback.instead()),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }
        Decision.Refuse refuse = (Decision.Refuse) decision;
        return refused(time, channel, refuse.reason());
    }

    /** A refusal with nothing known but its reason (e.g. no session, or a store outage). */
    public static DecisionRecord refused(Instant time, Channel channel, RefusalReason reason) {
        return new DecisionRecord(time, channel, Outcome.REFUSED, Optional.of(reason), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** This record with the session context a relay knows even for a refusal (e.g. consent denied). */
    public DecisionRecord withSession(SessionId session, String purpose, String callerId, String calleeId) {
        return new DecisionRecord(time, channel, outcome, reason, Optional.of(session), text(purpose),
                text(callerId), text(calleeId), consentDecisionId);
    }

    /** This record with the consent platform's decision id. */
    public DecisionRecord withConsentDecisionId(String decisionId) {
        return new DecisionRecord(time, channel, outcome, reason, sessionId, purpose, callerId, calleeId,
                text(decisionId));
    }

    /**
     * This record with other party id fields: the decision log's writer replaces them with their
     * sealed form ({@link SubjectFieldSealer}) before chaining the line.
     */
    public DecisionRecord withParties(Optional<SafeText> caller, Optional<SafeText> callee) {
        return new DecisionRecord(time, channel, outcome, reason, sessionId, purpose, caller, callee,
                consentDecisionId);
    }

    /** True if any free-text field had a phone-number-like run masked. */
    public boolean anyMasked() {
        return purpose.map(SafeText::masked).orElse(false) || callerId.map(SafeText::masked).orElse(false)
                || calleeId.map(SafeText::masked).orElse(false)
                || consentDecisionId.map(SafeText::masked).orElse(false);
    }

    /** Empty strings become absent fields: the log line has no other way to tell them apart. */
    private static Optional<SafeText> text(String value) {
        Objects.requireNonNull(value, "value");
        return value.isEmpty() ? Optional.empty() : Optional.of(SafeText.of(value));
    }
}
