package io.maskgate.sip.b2bua;

import io.maskgate.core.routing.RefusalReason;

/**
 * How a call ended, as the {@code outcome} and {@code reason} tags of
 * {@code maskgate_sip_calls_total}. Each call is counted once: when it is answered, or when it
 * ends without an answer. The tag values are this fixed set, never text from a message.
 */
public enum CallOutcome {
    /** The callee answered (2xx relayed to the caller). */
    CONNECTED("connected", "answered"),
    REFUSED_INVALID_NUMBER("refused", RefusalReason.INVALID_NUMBER.tag()),
    REFUSED_NO_SESSION("refused", RefusalReason.NO_SESSION.tag()),
    REFUSED_STORE_UNAVAILABLE("refused", RefusalReason.STORE_UNAVAILABLE.tag()),
    REFUSED_CONSENT_DENIED("refused", RefusalReason.CONSENT_DENIED.tag()),
    REFUSED_CONSENT_UNAVAILABLE("refused", RefusalReason.CONSENT_UNAVAILABLE.tag()),
    REFUSED_MODE_NOT_ALLOWED("refused", RefusalReason.MODE_NOT_ALLOWED.tag()),
    /** The INVITE came from an address outside the carrier ACL (403). */
    REFUSED_ACL("refused", "acl"),
    /** The INVITE's digest credentials were wrong: unknown user, wrong password or URI (403). */
    REFUSED_AUTH("refused", "auth"),
    /**
     * The INVITE carried no valid answer to a digest challenge and got one (407). Not a refusal:
     * the caller answers it with a new INVITE of the same call, which is counted again.
     */
    CHALLENGED("challenged", "auth"),
    /**
     * The carrier the INVITE came from had every call it bought in use ({@code maxCalls}), or had
     * sent its {@code maxCallsPerSecond} this second (503 with Retry-After).
     */
    REFUSED_CARRIER_LIMIT("refused", "carrier_limit"),
    /** The dialog table was full (503). */
    REFUSED_OVERLOAD("refused", "overload"),
    /** The SIP receive queues were backed up: new calls wait until the admitted ones are served (503). */
    REFUSED_BACKLOG("refused", "backlog"),
    /** The gateway is draining before it stops: new calls go elsewhere (503 with Retry-After). */
    REFUSED_DRAINING("refused", "draining"),
    /** The callee side answered busy (486, 600). */
    FAILED_BUSY("failed", "busy"),
    /** The callee side answered another 3xx-6xx. */
    FAILED_REJECTED("failed", "rejected"),
    /** No final answer from any trunk (transaction timeout). */
    FAILED_TIMEOUT("failed", "timeout"),
    /** The callee rang until the ring timeout. */
    FAILED_NO_ANSWER("failed", "no_answer"),
    /**
     * The trunk challenged our INVITE and refused our answer, or challenged it with no account in
     * conf to answer (or one we cannot answer), and no other trunk took the call.
     */
    FAILED_TRUNK_AUTH("failed", "trunk_auth"),
    /** Every trunk that is up was at its limit ({@code maxCalls} or {@code maxCallsPerSecond}): 503 with Retry-After. */
    FAILED_TRUNKS_FULL("failed", "trunks_full"),
    /** No trunk was up, or none could be reached. */
    FAILED_NO_TRUNK("failed", "no_trunk"),
    /** A message would have carried the other party's number and was stopped (500). */
    FAILED_LEAK_BLOCKED("failed", "leak_blocked"),
    /** The gateway ended the call before the answer (consent revoked, drain deadline): 480 to the caller. */
    FAILED_TERMINATED("failed", "terminated"),
    /** The caller cancelled before the answer. */
    CANCELLED("cancelled", "caller_cancel");

    private final String outcome;
    private final String reason;

    CallOutcome(String outcome, String reason) {
        this.outcome = outcome;
        this.reason = reason;
    }

    public String outcome() {
        return outcome;
    }

    public String reason() {
        return reason;
    }

    static CallOutcome refused(RefusalReason reason) {
        return switch (reason) {
            case INVALID_NUMBER -> REFUSED_INVALID_NUMBER;
            case NO_SESSION -> REFUSED_NO_SESSION;
            case STORE_UNAVAILABLE -> REFUSED_STORE_UNAVAILABLE;
            case CONSENT_DENIED -> REFUSED_CONSENT_DENIED;
            case CONSENT_UNAVAILABLE -> REFUSED_CONSENT_UNAVAILABLE;
            case MODE_NOT_ALLOWED -> REFUSED_MODE_NOT_ALLOWED;
        };
    }
}
