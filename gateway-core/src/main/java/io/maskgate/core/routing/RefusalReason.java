package io.maskgate.core.routing;

import java.util.Locale;

/**
 * Why a call or SMS was not routed. Each reason maps to exactly one SIP status and one SMPP
 * command_status (DESIGN.md sections 6 and 7), so operators can tell carrier faults from masking
 * faults. The mapping itself lives in each relay; this enum only says which ones are transient.
 */
public enum RefusalReason {
    /** A number did not normalise to E.164. SIP 484, SMPP ESME_RINVSRCADR/ESME_RINVDSTADR. */
    INVALID_NUMBER(false),
    /** No live session binds the caller to the proxy number. SIP 404, SMPP ESME_RINVDSTADR. */
    NO_SESSION(false),
    /** The session store did not answer in time. SIP 503 + Retry-After, SMPP ESME_RSYSERR. */
    STORE_UNAVAILABLE(true),
    /** The consent platform says no. SIP 403, SMPP ESME_RSUBMITFAIL. */
    CONSENT_DENIED(false),
    /** No cached consent decision and the platform is unreachable. SIP 503, SMPP ESME_RSYSERR. */
    CONSENT_UNAVAILABLE(true),
    /**
     * The caller's session does not serve this channel (a voice-only session asked for an SMS, or
     * the other way round). SIP 403, SMPP ESME_RINVDSTADR: the proxy number is not a destination
     * for this caller on this channel.
     */
    MODE_NOT_ALLOWED(false);

    private final boolean transientFault;

    RefusalReason(boolean transientFault) {
        this.transientFault = transientFault;
    }

    /** True when retrying later may succeed (the peer should get a "try again" answer). */
    public boolean isTransient() {
        return transientFault;
    }

    /** Lower-case label value for metrics and events. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
