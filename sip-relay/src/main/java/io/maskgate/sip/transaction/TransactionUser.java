package io.maskgate.sip.transaction;

import io.maskgate.sip.transport.InboundRequest;
import io.maskgate.sip.transport.InboundResponse;

/**
 * The layer above the transactions (the B2BUA). Every method is called on the event loop of the
 * message's Call-ID and must not block; long work (a store lookup) completes elsewhere and answers
 * through {@link ServerTransaction#respond}, which may be called from any thread.
 */
public interface TransactionUser {

    /**
     * A new request, not a retransmission. For INVITE the layer has already sent 100 Trying
     * (RFC 3261 sections 8.2.6.1 and 17.2.1). The TU must answer every request through
     * {@code transaction.respond}.
     */
    void onRequest(ServerTransaction transaction);

    /**
     * An ACK that belongs to no INVITE server transaction in Completed/Confirmed: the ACK for a 2xx
     * (end to end, RFC 3261 section 17.1.1.3), which the dialog layer handles, including ACKs that
     * arrive while the INVITE transaction is {@link TransactionState#ACCEPTED} (RFC 6026 section
     * 8.7). The TU must stop its {@link TwoXxRetransmitter} when it recognises its ACK.
     */
    void onAck(InboundRequest ack);

    /**
     * A CANCEL matched this INVITE server transaction while it had sent no final response. The layer
     * has answered the CANCEL 200 (RFC 3261 section 9.2); the TU should now answer the INVITE 487
     * (and cancel what it started for it).
     */
    void onCancelled(ServerTransaction inviteTransaction);

    /**
     * A response that matches no client transaction: mostly 2xx retransmissions (or 2xx from other
     * forks) after the INVITE client transaction ended, which the TU must ACK again (RFC 3261
     * section 17.1.1.2, 13.2.2.4). Anything else may be dropped.
     */
    void onStrayResponse(InboundResponse response);

    /**
     * Timer H fired: the peer never acknowledged our 3xx-6xx to INVITE (RFC 3261 section 17.2.1).
     * Nothing needs doing by default.
     */
    default void onServerTimeout(ServerTransaction transaction) {
    }

    /** A response could not be sent (RFC 3261 section 17.2.4). Nothing needs doing by default. */
    default void onServerTransportError(ServerTransaction transaction, Throwable cause) {
    }
}
