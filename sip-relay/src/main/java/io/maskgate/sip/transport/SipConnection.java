package io.maskgate.sip.transport;

import io.maskgate.sip.codec.SipMessage;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * Where a message came from and the way back, whatever the transport: for UDP the socket that
 * received the datagram and the datagram's source address (RFC 3261 section 18.2.2 with RFC 3581
 * rport: responses go to the source, never to an address taken from Via); for TCP/TLS the
 * connection itself.
 */
public interface SipConnection {

    SipTransportType transport();

    InetSocketAddress local();

    InetSocketAddress remote();

    /**
     * Sends a message to {@link #remote()}. Thread-safe; messages sent from one thread leave in
     * the order sent. Completes when the bytes are handed to the kernel, exceptionally when the
     * connection is gone.
     */
    CompletableFuture<Void> send(SipMessage message);
}
