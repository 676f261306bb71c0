package io.maskgate.sip.codec;

import java.util.Objects;

/**
 * One header field to add to a message we build (for example {@code Unsupported} on a 420).
 *
 * @param name the header name as it should appear on the wire
 * @param value the field value; may carry a phone number, so it is not printed by toString
 */
public record SipHeader(String name, String value) {

    public SipHeader {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (!RawHeaderBlock.isToken(name)) {
            throw new IllegalArgumentException("header name is not a token");
        }
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            // a CR or LF would let a value inject header lines (RFC 3261 section 7.3.1)
            throw new IllegalArgumentException("header value contains CR or LF");
        }
    }

    @Override
    public String toString() {
        return "SipHeader[" + name + "]";
    }
}
