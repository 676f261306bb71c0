package io.maskgate.smpp.pdu;

import java.util.Locale;

/**
 * Why the framing layer refused a PDU before jsmpp saw it, classified as cloudhopper-smpp does by
 * what happens next: a recoverable rejection is answered with generic_nack and the bind lives on;
 * an unrecoverable one is answered with generic_nack and the connection is closed, because the
 * byte stream can no longer be trusted to be in step.
 */
public enum PduRejection {
    /** command_length below the 16-octet header (SMPP 3.4 section 3.2). Unrecoverable. */
    TOO_SHORT(false),
    /** command_length above the configured cap. Unrecoverable: we refuse to read (or skip) the body. */
    TOO_LONG(false),
    /** The PDU was framed correctly but its body does not parse (a field runs past the end). Recoverable. */
    MALFORMED_BODY(true);

    private final boolean recoverable;

    PduRejection(boolean recoverable) {
        this.recoverable = recoverable;
    }

    public boolean isRecoverable() {
        return recoverable;
    }

    /** Lower-case metric label value. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
