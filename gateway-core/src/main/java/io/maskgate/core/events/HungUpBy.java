package io.maskgate.core.events;

import java.util.Locale;

/** Which side ended a call ({@code call_ended}). */
public enum HungUpBy {
    CALLER,
    CALLEE,
    /** The gateway ended it: session expiry, a drain on shutdown, a transaction timeout. */
    GATEWAY;

    /** Lower-case form on the wire. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
