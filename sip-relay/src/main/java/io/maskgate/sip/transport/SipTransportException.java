package io.maskgate.sip.transport;

import java.net.InetSocketAddress;

/** The transport could not start: the caller should fix the configuration or free the port. */
public final class SipTransportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private SipTransportException(String message, Throwable cause) {
        super(message, cause);
    }

    static SipTransportException bindFailed(InetSocketAddress address, Throwable cause) {
        return new SipTransportException("cannot bind SIP listener on " + address, cause);
    }
}
