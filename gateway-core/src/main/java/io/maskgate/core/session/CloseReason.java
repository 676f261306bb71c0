package io.maskgate.core.session;

import java.util.Locale;

/** Why a session was closed. The wire names are public API (admin answers, {@code session_closed} events). */
public enum CloseReason {
    /** The OMS/CRM closed it ({@code DELETE /v1/sessions/{id}}). */
    API,
    /** Its expiry (absolute, or the sliding window) passed. */
    EXPIRED,
    /** Closed because consent was withdrawn. */
    REVOKED,
    /** Closed by an erasure request for one of its participants. */
    ERASED;

    /** {@code api}, {@code expired}, {@code revoked}, {@code erased}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Stored as one byte: 0 means "not closed". */
    public int code() {
        return ordinal() + 1;
    }

    /** @throws IllegalArgumentException for a code no reason has */
    public static CloseReason ofCode(int code) {
        CloseReason[] all = values();
        if (code < 1 || code > all.length) {
            throw new IllegalArgumentException("unknown close reason code " + code);
        }
        return all[code - 1];
    }
}
