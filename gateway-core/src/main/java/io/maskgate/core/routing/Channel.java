package io.maskgate.core.routing;

import java.util.Locale;

/** Which relay asks: the consent decision and the metrics are kept per channel. */
public enum Channel {
    VOICE,
    SMS;

    /** Lower-case label value for metrics and events ({@code voice}, {@code sms}). */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
