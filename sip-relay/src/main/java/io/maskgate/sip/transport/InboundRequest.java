package io.maskgate.sip.transport;

import io.maskgate.sip.codec.SipMessage;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A request that passed screening, with the connection it arrived on.
 *
 * @param request the request (its top Via already carries received/rport)
 * @param connection the way back to the sender
 */
public record InboundRequest(SipMessage request, SipConnection connection) {

    public InboundRequest {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(connection, "connection");
        if (!request.isRequest()) {
            throw new IllegalArgumentException("not a request");
        }
    }

    /** Sends a response to this request back through the connection it came on. */
    public CompletableFuture<Void> reply(SipMessage response) {
        return connection.send(response);
    }
}
