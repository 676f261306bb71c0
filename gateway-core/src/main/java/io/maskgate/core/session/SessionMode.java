package io.maskgate.core.session;

import io.maskgate.core.routing.Channel;
import java.util.Locale;

/**
 * Which relays a session serves. A caller who dials the proxy number on the other channel is
 * refused ({@link io.maskgate.core.routing.RefusalReason#MODE_NOT_ALLOWED}), so an order that only
 * needs SMS cannot be used to place calls.
 */
public enum SessionMode {
    VOICE,
    SMS,
    /** The default. */
    BOTH;

    public boolean allows(Channel channel) {
        return this == BOTH || (this == VOICE ? channel == Channel.VOICE : channel == Channel.SMS);
    }

    /** {@code voice}, {@code sms}, {@code both}: the API's spelling. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for anything but the three wire names */
    public static SessionMode ofWireName(String value) {
        for (SessionMode m : values()) {
            if (m.wireName().equals(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException("mode must be voice, sms or both");
    }
}
