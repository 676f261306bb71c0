package io.maskgate.sip.codec;

import java.util.List;

/**
 * What the Content-Length header(s) of a header block say, read before any parsing because
 * framing depends on it (RFC 3261 section 18.3).
 *
 * @param state whether the header was absent, valid, repeated or not a number
 * @param length the body length in octets when {@code state} is {@link State#PRESENT}, else 0
 */
record ContentLength(State state, int length) {

    enum State { ABSENT, PRESENT, MULTIPLE, INVALID }

    /** A value this long cannot be a body we would ever accept; stops the int from overflowing. */
    private static final int MAX_DIGITS = 9;

    static ContentLength of(RawHeaderBlock head) {
        List<String> values = head.values("content-length");
        if (values.isEmpty()) {
            return new ContentLength(State.ABSENT, 0);
        }
        if (values.size() > 1) {
            // RFC 4475 section 3.3.9 (mcl01): the octet count is unknowable, reject
            return new ContentLength(State.MULTIPLE, 0);
        }
        String v = values.get(0);
        // RFC 3261 section 20.14: Content-Length = ... 1*DIGIT (so "-999" of ncl.dat is invalid)
        if (v.isEmpty() || v.length() > MAX_DIGITS || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return new ContentLength(State.INVALID, 0);
        }
        return new ContentLength(State.PRESENT, Integer.parseInt(v));
    }
}
