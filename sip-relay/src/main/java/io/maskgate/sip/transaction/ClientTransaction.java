package io.maskgate.sip.transaction;

import io.maskgate.sip.codec.SipMessage;

/**
 * A client transaction (RFC 3261 section 17.1): one request sent by the TU through
 * {@link TransactionLayer#send}, its retransmissions over UDP, and the responses to it, which
 * reach the {@link ClientTransactionListener}.
 *
 * <p>Thread-safety: every method may be called from any thread; state changes run on the event
 * loop of the request's Call-ID, where the listener is called too.
 */
public interface ClientTransaction {

    /** The request as sent (the TU's request, unchanged). */
    SipMessage request();

    /** Where the request went. */
    Destination destination();

    /** The branch of the request's top Via, which identifies the transaction (RFC 3261 section 17.1.3). */
    String branch();

    /** True for an INVITE transaction (RFC 3261 section 17.1.1), false for non-INVITE (17.1.2). */
    boolean isInvite();

    /** The current state; may be stale by the time the caller reads it unless read on the transaction's loop. */
    TransactionState state();

    /**
     * Cancels a pending INVITE (RFC 3261 section 9.1): builds a CANCEL with the INVITE's
     * Request-URI, Call-ID, From, To, CSeq number and top Via (so the same branch), and sends it
     * as its own non-INVITE client transaction to the same destination. Section 9.1 forbids a
     * CANCEL before a provisional response: if none has arrived yet the CANCEL is remembered and
     * sent when the first 1xx arrives. Does nothing once a final response arrived, for a
     * non-INVITE transaction, or when called a second time. The INVITE transaction goes on; its
     * final response (normally 487) still reaches the listener.
     */
    void cancel();
}
