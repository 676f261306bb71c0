package io.maskgate.core.events;

import io.maskgate.core.routing.Channel;
import java.util.Locale;
import java.util.Optional;

/** What happened. The wire name ({@link #wireName()}) is public API: the CDP/analytics consumers match on it. */
public enum EventType {
    /** An INVITE to a proxy number was routed to the real callee. */
    CALL_ATTEMPTED,
    /** The callee answered (2xx). */
    CALL_CONNECTED,
    /** A connected call ended (BYE); carries the duration and who hung up. */
    CALL_ENDED,
    /** An INVITE was refused; carries the refusal reason. */
    CALL_REFUSED,
    /** An SMS to a proxy number was relayed. */
    SMS_RELAYED,
    /** An SMS was refused; carries the refusal reason. */
    SMS_REFUSED,
    /** The OMS/CRM created a masking session. */
    SESSION_CREATED,
    /** A session was closed; carries the close reason (api, expired, revoked, erased). */
    SESSION_CLOSED;

    /** Made once: every event on the call and SMS paths names its type. */
    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** {@code call_attempted} and so on. */
    public String wireName() {
        return wireName;
    }

    /** True for the two refusal types, which must carry a reason. */
    public boolean isRefusal() {
        return this == CALL_REFUSED || this == SMS_REFUSED;
    }

    /** The relay the event comes from; empty for session events. */
    public Optional<Channel> channel() {
        return switch (this) {
            case CALL_ATTEMPTED, CALL_CONNECTED, CALL_ENDED, CALL_REFUSED -> Optional.of(Channel.VOICE);
            case SMS_RELAYED, SMS_REFUSED -> Optional.of(Channel.SMS);
            case SESSION_CREATED, SESSION_CLOSED -> Optional.empty();
        };
    }
}
