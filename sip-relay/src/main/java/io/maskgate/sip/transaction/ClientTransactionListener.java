package io.maskgate.sip.transaction;

import io.maskgate.sip.codec.SipMessage;

/**
 * What a client transaction tells the TU. Every method is called on the event loop of the
 * request's Call-ID, once per event, and must not block.
 */
public interface ClientTransactionListener {

    /**
     * A response to the request: every provisional response, and the first final response
     * (retransmitted final responses are absorbed by the layer). For a 3xx-6xx to INVITE the layer
     * has already sent the ACK (RFC 3261 section 17.1.1.3); for a 2xx to INVITE the TU must send
     * the ACK itself ({@link TransactionLayer#sendStateless}), and later retransmissions of that
     * 2xx reach {@link TransactionUser#onStrayResponse} (RFC 3261 section 17.1.1.2).
     */
    void onResponse(ClientTransaction transaction, SipMessage response);

    /** No final response within 64*T1: timer B (INVITE) or timer F (non-INVITE) fired. Treat as 408. */
    void onTimeout(ClientTransaction transaction);

    /**
     * The request could not be sent (RFC 3261 section 17.1.4), or the table was full
     * ({@link TransactionTableFullException}). Treat as 503. The transaction has terminated.
     */
    void onTransportError(ClientTransaction transaction, Throwable cause);
}
