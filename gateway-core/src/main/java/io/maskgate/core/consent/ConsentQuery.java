package io.maskgate.core.consent;

import io.maskgate.core.routing.Channel;
import java.util.Objects;

/**
 * One consent question: may {@code subjectId} be contacted for {@code purpose} on {@code channel}?
 * The subject id is the pseudonymous participant id (never a phone number), so it may appear in
 * {@link #toString()}.
 */
public record ConsentQuery(String subjectId, String purpose, Channel channel) {

    /** Longest subject id or purpose accepted: ids are short opaque strings, not documents. */
    public static final int MAX_FIELD_LENGTH = 256;

    public ConsentQuery {
        requireField(subjectId, "subjectId");
        requireField(purpose, "purpose");
        Objects.requireNonNull(channel, "channel");
    }

    static String requireField(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isEmpty() || value.length() > MAX_FIELD_LENGTH) {
            throw new IllegalArgumentException(name + " must have 1 to " + MAX_FIELD_LENGTH
                    + " characters, had " + value.length());
        }
        return value;
    }
}
