package io.maskgate.sip.transport;

import java.util.Locale;

/** The transports a SIP message can arrive on; {@link #label()} is the metric tag value. */
public enum SipTransportType {
    UDP, TCP, TLS;

    private final String label = name().toLowerCase(Locale.ROOT);

    public String label() {
        return label;
    }

    /** True for the byte-stream transports, where Content-Length frames messages (RFC 3261 section 18.3). */
    public boolean isStream() {
        return this != UDP;
    }
}
