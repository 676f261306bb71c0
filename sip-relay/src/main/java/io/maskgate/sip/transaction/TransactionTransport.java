package io.maskgate.sip.transaction;

import io.maskgate.sip.codec.SipMessage;
import io.maskgate.sip.transport.SipTransport;
import io.netty.util.concurrent.EventExecutor;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * What the transaction layer needs from the transport below it: the event loop that owns a
 * Call-ID (where the transport delivers that Call-ID's messages, and where transaction timers
 * run), and a way to send a message to a destination. {@link #of(SipTransport)} is the real one;
 * tests use an embedded event loop.
 */
public interface TransactionTransport {

    /** The event loop that handles every message of this Call-ID. */
    EventExecutor loopFor(String callId);

    /** Sends a message to a destination; completes exceptionally when it cannot be sent. */
    CompletableFuture<Void> send(SipMessage message, Destination destination);

    /**
     * True while the transport has received more than it has read (a backlog in its receive
     * queues): the answers a retransmission would ask for may be waiting there, so timers A, E, G
     * and the 2xx retransmitter skip their send. Never true by default.
     */
    default boolean holdRetransmissions() {
        return false;
    }

    /** The transaction transport over the Netty SIP transport. */
    static TransactionTransport of(SipTransport transport) {
        Objects.requireNonNull(transport, "transport");
        return new TransactionTransport() {
            @Override
            public EventExecutor loopFor(String callId) {
                return transport.loopFor(callId);
            }

            @Override
            public CompletableFuture<Void> send(SipMessage message, Destination destination) {
                return transport.send(message, destination.transport(), destination.address());
            }

            @Override
            public boolean holdRetransmissions() {
                return transport.holdRetransmissions();
            }
        };
    }
}
