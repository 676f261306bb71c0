package io.maskgate.core.session.codec;

import io.maskgate.core.session.Session;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * The value of a session's activity entry ({@link RedisKeys#activityKey}): plain ASCII, not an
 * envelope, because it holds no personal data and the touch script must compare it.
 * <ul>
 *   <li>absent: nothing routed yet (status open);</li>
 *   <li>{@code <epoch millis>}: something was routed; the session is active until then
 *       (status in progress; the sliding window's end);</li>
 *   <li>{@value #CLOSED}: the session was closed; an interaction racing the close must not extend
 *       anything (its routing keys may already belong to a newer session).</li>
 * </ul>
 */
public final class Activity {

    public static final String CLOSED = "closed";

    private Activity() {
    }

    public static byte[] activeUntil(Instant until) {
        return Long.toString(until.toEpochMilli()).getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] closed() {
        return CLOSED.getBytes(StandardCharsets.US_ASCII);
    }

    /** The instant an activity value names; empty for none, the closed marker or anything unparsable. */
    public static Optional<Instant> parse(byte[] value) {
        if (value == null) {
            return Optional.empty();
        }
        String text = new String(value, StandardCharsets.US_ASCII);
        if (text.isEmpty() || !text.chars().allMatch(Character::isDigit) || text.length() > 18) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochMilli(Long.parseLong(text)));
    }

    /** The stored record with its activity applied: in progress until the instant the value names. */
    public static Session apply(Session record, byte[] value) {
        return parse(value).map(record::inProgressUntil).orElse(record);
    }

    /** True for the closed marker. */
    public static boolean isClosed(byte[] value) {
        return value != null && CLOSED.equals(new String(value, StandardCharsets.US_ASCII));
    }
}
