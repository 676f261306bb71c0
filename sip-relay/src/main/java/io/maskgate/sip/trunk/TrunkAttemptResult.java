package io.maskgate.sip.trunk;

/**
 * How one INVITE sent to a trunk ended, as the {@code result} tag of
 * {@code maskgate_sip_trunk_attempts_total}: what network ops read a trunk's answer-seizure ratio
 * (answered / all attempts) and its failure causes from. A call that fails over counts one
 * attempt on each trunk it tried; an INVITE sent again with credentials is an attempt of its own.
 * The tag values are this fixed set.
 */
public enum TrunkAttemptResult {
    /** 2xx. */
    ANSWERED("answered"),
    /** 486 or 600. */
    BUSY("busy"),
    /** 503 before any 1xx beyond 100: the trunk took no part in the call, the next one is tried. */
    UNAVAILABLE("unavailable"),
    /** 401 or 407 that the gateway answered: the INVITE went again with credentials. */
    CHALLENGED("challenged"),
    /** 401 or 407 the gateway could not answer, or a challenge of its answer. */
    AUTH_FAILED("auth_failed"),
    /** No answer in time: no response before the failover timeout, a transaction timeout, or 408. */
    TIMEOUT("timeout"),
    /** The request could not be sent (TCP or TLS connection refused or lost). */
    TRANSPORT_ERROR("transport_error"),
    /** Cancelled by the gateway before a final answer: the caller hung up, the ring timeout struck. */
    CANCELLED("cancelled"),
    /** Any other final 3xx-6xx. */
    REJECTED("rejected");

    private final String tag;

    TrunkAttemptResult(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    /**
     * The result of a final response {@code status} (200-699) to our INVITE.
     *
     * @param provisional a 1xx beyond 100 came first
     */
    public static TrunkAttemptResult ofFinal(int status, boolean provisional) {
        if (status / 100 == 2) {
            return ANSWERED;
        }
        return switch (status) {
            case 486, 600 -> BUSY;
            case 503 -> provisional ? REJECTED : UNAVAILABLE;
            case 408 -> TIMEOUT;
            case 487 -> CANCELLED;
            default -> REJECTED;
        };
    }
}
