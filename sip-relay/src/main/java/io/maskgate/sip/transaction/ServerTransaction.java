package io.maskgate.sip.transaction;

import io.maskgate.sip.codec.SipMessage;

/**
 * A server transaction (RFC 3261 section 17.2): one request received and the responses the TU
 * sends to it. The layer absorbs retransmissions of the request (re-sending the last response),
 * retransmits 3xx-6xx responses to INVITE over UDP until the ACK arrives, and removes the
 * transaction from the table when it terminates.
 *
 * <p>Thread-safety: every method may be called from any thread. State changes run on the event
 * loop of the request's Call-ID (calls from other threads are handed to it), so responses given
 * from one thread leave in the order given.
 */
public interface ServerTransaction {

    /**
     * The request that created the transaction, until a final response was sent. After it the
     * transaction only waits out its timers (up to 64*T1) to match retransmissions by key, so it
     * lets the request go: at 2,000 calls/s the transactions in that wait would otherwise hold
     * some 130,000 requests, and every young collection would copy them.
     *
     * @throws IllegalStateException after the final response was sent
     */
    SipMessage request();

    /** True once a final response was sent (and {@link #request()} released). */
    boolean finalSent();

    /** The connection the request arrived on, where responses go; for the life of the transaction. */
    io.maskgate.sip.transport.SipConnection connection();

    /** True for an INVITE transaction (RFC 3261 section 17.2.1), false for non-INVITE (17.2.2). */
    boolean isInvite();

    /** The current state; may be stale by the time the caller reads it unless read on the transaction's loop. */
    TransactionState state();

    /**
     * Sends a response to the request back through the connection it came on (RFC 3261 section
     * 18.2.2: to the source address and port, which the transport stamped as received/rport) and
     * moves the state machine: 1xx keeps the transaction proceeding, 2xx to INVITE moves it to
     * {@link TransactionState#ACCEPTED} (its retransmission is the TU's job, see
     * {@link TwoXxRetransmitter}), any other final response to {@link TransactionState#COMPLETED}.
     *
     * <p>A response given after a final response was already sent is not sent and is logged at
     * debug level, except a repeated 2xx to INVITE (a 2xx retransmission) while the transaction
     * is {@link TransactionState#ACCEPTED}.
     *
     * @param response a response built from {@link #request()} (same Via, CSeq, Call-ID)
     * @throws IllegalArgumentException when {@code response} is a request
     */
    void respond(SipMessage response);
}
