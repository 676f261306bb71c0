package io.maskgate.sip.b2bua;

import io.maskgate.sip.codec.SipMessage;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The session interval a 2xx to INVITE or UPDATE sets (RFC 4028), as the B2BUA times it: it
 * relays every refresh, so like a proxy that stays on the path (section 8) it knows when the
 * session expires, and ends a call whose endpoints stopped refreshing instead of holding (and
 * billing) it until the maximum call duration.
 *
 * <p>Only the arithmetic lives here; the call holds nothing but the armed timer. A value, not kept
 * per call.
 *
 * @param interval the negotiated interval, raised to the B2BUA's minimum
 */
record SessionInterval(Duration interval) {

    /** RFC 4028 section 10: the BYE goes at most this long before the session expires. */
    static final Duration MAX_BYE_LEAD = Duration.ofSeconds(32);

    /**
     * delta-seconds (RFC 4028 section 4), read the way the header policy normalises it before
     * relaying: the leading digits. The B2BUA times what the peers on both legs were told.
     */
    private static final Pattern DELTA_SECONDS = Pattern.compile("^\\s*(\\d{1,10})");

    SessionInterval {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("a session interval is positive");
        }
    }

    /**
     * The interval a 2xx to INVITE or UPDATE establishes or refreshes; empty when the 2xx has no
     * (readable) Session-Expires, which means the session has no expiry (RFC 4028 section 7.2). An
     * interval shorter than {@code minimum} is timed as {@code minimum}: peers that agreed on less
     * than RFC 4028's floor (section 4: at least 90 s) do not make the gateway hang up sooner.
     */
    static Optional<SessionInterval> of(SipMessage twoXx, Duration minimum) {
        return twoXx.header("Session-Expires").flatMap(v -> parse(v, minimum));
    }

    /** {@link #of} on a header value such as {@code 1800;refresher=uac}. */
    static Optional<SessionInterval> parse(String sessionExpires, Duration minimum) {
        Matcher m = DELTA_SECONDS.matcher(sessionExpires);
        if (!m.find()) {
            return Optional.empty();
        }
        long seconds = Long.parseLong(m.group(1));
        if (seconds == 0) {
            return Optional.empty(); // not a session interval (RFC 4028 section 4 asks for at least 90)
        }
        Duration negotiated = Duration.ofSeconds(seconds);
        return Optional.of(new SessionInterval(negotiated.compareTo(minimum) < 0 ? minimum : negotiated));
    }

    /**
     * How long after the 2xx the B2BUA sends BYE when no refresh came: the interval less the
     * minimum of 32 s and a third of the interval (RFC 4028 section 10, "slightly before the
     * session expiration"). 90 s gives 60 s, 1800 s gives 1768 s.
     */
    Duration byeAfter() {
        Duration third = interval.dividedBy(3);
        return interval.minus(third.compareTo(MAX_BYE_LEAD) < 0 ? third : MAX_BYE_LEAD);
    }
}
