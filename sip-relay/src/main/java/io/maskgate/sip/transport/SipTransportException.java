package io.maskgate.sip.transport;

import java.net.InetSocketAddress;

/**
 * The transport could not start (the caller should fix the configuration or free the port), or
 * could not open a connection to a peer (the caller should treat the peer as unreachable).
 */
public final class SipTransportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private SipTransportException(String message, Throwable cause) {
        super(message, cause);
    }

    static SipTransportException bindFailed(InetSocketAddress address, Throwable cause) {
        return new SipTransportException("cannot bind SIP listener on " + address, cause);
    }

    static SipTransportException connectFailed(SipTransportType transport, InetSocketAddress remote, Throwable cause) {
        return new SipTransportException("cannot connect over " + transport.label() + " to " + remote, cause);
    }

    static SipTransportException tooManyConnections(int max) {
        return new SipTransportException("already " + max + " SIP connections open", null);
    }
}
