package io.maskgate.smpp.pdu;

import java.io.IOException;

/**
 * Thrown to jsmpp's reader thread when a PDU header is unrecoverable. It is an
 * {@link IOException} on purpose: jsmpp then closes the connection at once, instead of the
 * unbind-and-wait it does for its own {@code InvalidCommandLengthException} (which would park the
 * reader thread for a transaction timeout waiting for an unbind_resp only it could read).
 */
public final class PduLimitException extends IOException {
    private static final long serialVersionUID = 1L;

    private final PduRejection rejection;

    private PduLimitException(PduRejection rejection, String message) {
        super(message);
        this.rejection = rejection;
    }

    static PduLimitException create(PduRejection rejection, int commandLength, int limit) {
        return new PduLimitException(rejection,
                "command_length " + Integer.toUnsignedString(commandLength) + " outside 16.." + limit);
    }

    public PduRejection rejection() {
        return rejection;
    }
}
