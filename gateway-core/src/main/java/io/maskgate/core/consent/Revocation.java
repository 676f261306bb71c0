package io.maskgate.core.consent;

import io.maskgate.core.routing.Channel;
import java.util.Objects;
import java.util.Optional;

/**
 * The platform withdrew consent: for one subject, one purpose or all ({@code purpose} empty), one
 * channel or both ({@code channel} empty). Holds pseudonymous ids only, never a phone number.
 */
public record Revocation(String subjectId, Optional<String> purpose, Optional<Channel> channel, String revocationId) {

    public Revocation {
        ConsentQuery.requireField(subjectId, "subjectId");
        Objects.requireNonNull(purpose, "purpose");
        purpose.ifPresent(p -> ConsentQuery.requireField(p, "purpose"));
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(revocationId, "revocationId");
        if (revocationId.length() > ConsentQuery.MAX_FIELD_LENGTH) {
            throw new IllegalArgumentException("revocationId longer than " + ConsentQuery.MAX_FIELD_LENGTH);
        }
    }

    /** Everything the subject consented to, on every channel (also used for erasure). */
    public static Revocation all(String subjectId, String revocationId) {
        return new Revocation(subjectId, Optional.empty(), Optional.empty(), revocationId);
    }

    /** Whether a check for {@code query} falls under this revocation. */
    public boolean covers(ConsentQuery query) {
        return subjectId.equals(query.subjectId())
                && purpose.map(query.purpose()::equals).orElse(true)
                && channel.map(query.channel()::equals).orElse(true);
    }
}
