package io.maskgate.sip.transport;

/**
 * The application side of the transports (the B2BUA later). Both methods are called on the event
 * loop that owns the message's Call-ID, so all messages of one call arrive in order, one at a
 * time, on one thread; implementations must not block.
 */
public interface SipInbound {

    void onRequest(InboundRequest request);

    void onResponse(InboundResponse response);
}
