package io.maskgate.core.session;

import java.util.Locale;

/** Where a session is in its life, as the API shows it. */
public enum SessionStatus {
    /** Created; nothing routed on it yet. */
    OPEN,
    /** At least one call or SMS was routed on it. */
    IN_PROGRESS,
    /** Nothing resolves any more; the record is kept for the closed-retention period with its {@link CloseReason}. */
    CLOSED;

    /** {@code open}, {@code in_progress}, {@code closed}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
