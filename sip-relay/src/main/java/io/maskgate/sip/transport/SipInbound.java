package io.maskgate.sip.transport;

import io.maskgate.sip.codec.RetransmissionProbe;

/**
 * The application side of the transports (the B2BUA later). Both methods are called on the event
 * loop that owns the message's Call-ID, so all messages of one call arrive in order, one at a
 * time, on one thread; implementations must not block.
 */
public interface SipInbound {

    void onRequest(InboundRequest request);

    void onResponse(InboundResponse response);

    /**
     * Offered a UDP request before it is parsed, on the loop of its Call-ID: true when it was a
     * retransmission and has been dealt with, so the transport neither parses nor delivers it;
     * false (the default) to have it parsed and given to {@link #onRequest} as usual.
     */
    default boolean absorbedUnparsed(RetransmissionProbe probe, SipConnection connection) {
        return false;
    }
}
