package io.maskgate.smpp.relay;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * Our own message_id for the ESME: 16 lower-case hex digits (64 random bits). Never the
 * upstream's id, so an ESME cannot correlate across upstreams or learn which carrier took a
 * message; well inside SMPP 3.4's 65-octet message_id (section 5.2.23).
 */
public final class MessageIds implements Supplier<String> {
    private final SecureRandom random;

    public MessageIds(SecureRandom random) {
        this.random = random;
    }

    @Override
    public String get() {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
