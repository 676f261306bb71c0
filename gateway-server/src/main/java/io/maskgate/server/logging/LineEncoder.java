package io.maskgate.server.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;

/** An encoder that writes one self-contained line per event: no file header or footer. */
abstract class LineEncoder extends EncoderBase<ILoggingEvent> {

    private static final byte[] NO_BYTES = new byte[0];

    @Override
    public final byte[] headerBytes() {
        return NO_BYTES;
    }

    @Override
    public final byte[] footerBytes() {
        return NO_BYTES;
    }
}
