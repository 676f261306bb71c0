package io.maskgate.sip.transport;

import io.maskgate.sip.codec.SipMessage;
import java.util.Objects;

/**
 * A response that passed screening, with the connection it arrived on.
 *
 * @param response the response
 * @param connection the connection it arrived on
 */
public record InboundResponse(SipMessage response, SipConnection connection) {

    public InboundResponse {
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(connection, "connection");
        if (response.isRequest()) {
            throw new IllegalArgumentException("not a response");
        }
    }
}
