package io.maskgate.core.events;

import io.maskgate.core.number.PhoneNumber;
import io.maskgate.core.routing.Decision;
import io.maskgate.core.routing.RefusalReason;
import io.maskgate.core.session.CloseReason;
import io.maskgate.core.session.SessionId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One call, SMS or session event for the CDP/analytics stack (DESIGN.md section 5).
 *
 * <p><b>No field can hold a real number.</b> The only number is {@link #proxyNumber}, which is
 * ours (the virtual number both parties see). Participants appear only as their pseudonymous ids,
 * and every free-text field is a {@link SafeText}, which masks anything that looks like a phone
 * number; the publisher counts such masking so the source can be fixed. Build with
 * {@link #builder}, or {@link #forRoute} from a routing decision, which takes the proxy number
 * from {@link Decision.Route#presented()} and never touches the target.
 *
 * @param type what happened
 * @param time when
 * @param node the gateway node that saw it: 1-64 of {@code [A-Za-z0-9._-]}
 * @param sessionId the masking session, when one is known
 * @param purpose the session's purpose
 * @param callerId pseudonymous id of the calling / sending participant
 * @param calleeId pseudonymous id of the called / receiving participant
 * @param proxyNumber our virtual number
 * @param reason why it was refused; present exactly for {@code *_refused}
 * @param duration talk time; present exactly for {@code call_ended}
 * @param hungUpBy who ended the call; present exactly for {@code call_ended}
 * @param closeReason why the session closed; present exactly for {@code session_closed}
 * @param fallback true for a {@code call_attempted} of an out-of-session caller redirected to the
 *     fallback number (no session, no participants; {@link #reason} is the refusal it replaced)
 * @param carrier the conf name of the carrier the call came in from ({@code sip.carriers}), for
 *     {@code call_connected} and {@code call_ended} only; empty when no named carrier sent it
 * @param trunk the conf name of the outbound trunk that answered ({@code sip.trunks}), for
 *     {@code call_connected} and {@code call_ended} only
 * @param esme the system_id of the ESME account the message came from (MT) or went to (MO)
 *     ({@code smpp.accounts}), for {@code sms_relayed} only
 * @param smsc the conf name of the upstream SMSC the message went to (MT) or came from (MO)
 *     ({@code smpp.upstreams}), for {@code sms_relayed} only
 */
public record InteractionEvent(
        EventType type,
        Instant time,
        String node,
        Optional<SessionId> sessionId,
        Optional<SafeText> purpose,
        Optional<SafeText> callerId,
        Optional<SafeText> calleeId,
        Optional<PhoneNumber> proxyNumber,
        Optional<RefusalReason> reason,
        Optional<Duration> duration,
        Optional<HungUpBy> hungUpBy,
        Optional<CloseReason> closeReason,
        boolean fallback,
        Optional<SafeText> carrier,
        Optional<SafeText> trunk,
        Optional<SafeText> esme,
        Optional<SafeText> smsc) {

    public InteractionEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(node, "node");
        List.of(sessionId, purpose, callerId, calleeId, proxyNumber, reason, duration, hungUpBy, closeReason, carrier,
                trunk, esme, smsc).forEach(o -> Objects.requireNonNull(o, "optional fields are empty, never null"));
        if (!isNodeId(node)) {
            throw new IllegalArgumentException("node must be 1-64 chars of [A-Za-z0-9._-]");
        }
        if (fallback && type != EventType.CALL_ATTEMPTED) {
            throw new IllegalArgumentException(type.wireName() + ": only call_attempted can be a fallback");
        }
        if ((type.isRefusal() || fallback) != reason.isPresent()) {
            throw new IllegalArgumentException(type.wireName()
                    + ": a reason is required for refusals and fallbacks and only for them");
        }
        boolean ended = type == EventType.CALL_ENDED;
        if (ended != duration.isPresent() || ended != hungUpBy.isPresent()) {
            throw new IllegalArgumentException(type.wireName() + ": duration and hungUpBy are required for call_ended "
                    + "and only for it");
        }
        if ((type == EventType.SESSION_CLOSED) != closeReason.isPresent()) {
            throw new IllegalArgumentException(type.wireName() + ": a close reason is required for session_closed "
                    + "and only for it");
        }
        boolean answeredCall = type == EventType.CALL_CONNECTED || ended;
        if (!answeredCall && (carrier.isPresent() || trunk.isPresent())) {
            throw new IllegalArgumentException(type.wireName() + ": carrier and trunk are for call_connected and "
                    + "call_ended only");
        }
        if (type != EventType.SMS_RELAYED && (esme.isPresent() || smsc.isPresent())) {
            throw new IllegalArgumentException(type.wireName() + ": esme and smsc are for sms_relayed only");
        }
        if (duration.map(Duration::isNegative).orElse(false)) {
            throw new IllegalArgumentException("duration must not be negative");
        }
    }

    /** 1-64 chars of [A-Za-z0-9._-]; by hand, not a regex: this runs for every event on the call and SMS paths. */
    private static boolean isNodeId(String node) {
        if (node.isEmpty() || node.length() > 64) {
            return false;
        }
        for (int i = 0; i < node.length(); i++) {
            char c = node.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                    || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** A builder for an event of {@code type}. */
    public static Builder builder(EventType type, Instant time, String node) {
        return new Builder(type, time, node);
    }

    /**
     * A builder pre-filled from a routed decision: session, purpose, participant ids and the proxy
     * number ({@link Decision.Route#presented()}). The real target number is not read.
     */
    public static Builder forRoute(EventType type, Instant time, String node, Decision.Route route) {
        return builder(type, time, node)
                .session(route.sessionId())
                .purpose(route.purpose())
                .participants(route.callerId(), route.calleeId())
                .proxyNumber(route.presented());
    }

    /** Mutable builder; {@link #build()} checks the combination. */
    public static final class Builder {
        private final EventType type;
        private final Instant time;
        private final String node;
        private Optional<SessionId> sessionId = Optional.empty();
        private Optional<SafeText> purpose = Optional.empty();
        private Optional<SafeText> callerId = Optional.empty();
        private Optional<SafeText> calleeId = Optional.empty();
        private Optional<PhoneNumber> proxyNumber = Optional.empty();
        private Optional<RefusalReason> reason = Optional.empty();
        private Optional<Duration> duration = Optional.empty();
        private Optional<HungUpBy> hungUpBy = Optional.empty();
        private Optional<CloseReason> closeReason = Optional.empty();
        private boolean fallback;
        private Optional<SafeText> carrier = Optional.empty();
        private Optional<SafeText> trunk = Optional.empty();
        private Optional<SafeText> esme = Optional.empty();
        private Optional<SafeText> smsc = Optional.empty();

        private Builder(EventType type, Instant time, String node) {
            this.type = type;
            this.time = time;
            this.node = node;
        }

        public Builder session(SessionId id) {
            this.sessionId = Optional.of(id);
            return this;
        }

        public Builder purpose(String purpose) {
            this.purpose = text(purpose);
            return this;
        }

        /** Pseudonymous ids as the OMS/CRM chose them; anything number-like in them is masked. */
        public Builder participants(String callerId, String calleeId) {
            this.callerId = text(callerId);
            this.calleeId = text(calleeId);
            return this;
        }

        /** Our virtual number; never a participant's real number. */
        public Builder proxyNumber(PhoneNumber proxy) {
            this.proxyNumber = Optional.of(proxy);
            return this;
        }

        public Builder reason(RefusalReason reason) {
            this.reason = Optional.of(reason);
            return this;
        }

        /** For {@code call_ended}: talk time and who hung up. */
        public Builder ended(Duration duration, HungUpBy by) {
            this.duration = Optional.of(duration);
            this.hungUpBy = Optional.of(by);
            return this;
        }

        /** For {@code call_attempted}: redirected to the fallback number instead of refused for {@code instead}. */
        public Builder fallback(RefusalReason instead) {
            this.fallback = true;
            this.reason = Optional.of(instead);
            return this;
        }

        /** For {@code session_closed}: why. */
        public Builder closeReason(CloseReason reason) {
            this.closeReason = Optional.of(reason);
            return this;
        }

        /**
         * For {@code call_connected} and {@code call_ended}: the conf names of the carrier the call
         * came from (empty: none named) and of the trunk that answered it.
         */
        public Builder interconnects(String carrier, String trunk) {
            this.carrier = text(carrier);
            this.trunk = text(trunk);
            return this;
        }

        /** For {@code sms_relayed}: the ESME account's system_id and the upstream SMSC's conf name. */
        public Builder smsPeers(String esme, String smsc) {
            this.esme = text(esme);
            this.smsc = text(smsc);
            return this;
        }

        /** @throws IllegalArgumentException if the fields do not fit the type */
        public InteractionEvent build() {
            return new InteractionEvent(type, time, node, sessionId, purpose, callerId, calleeId, proxyNumber, reason,
                    duration, hungUpBy, closeReason, fallback, carrier, trunk, esme, smsc);
        }

        private static Optional<SafeText> text(String value) {
            Objects.requireNonNull(value, "value");
            return value.isEmpty() ? Optional.empty() : Optional.of(SafeText.of(value));
        }
    }
}
