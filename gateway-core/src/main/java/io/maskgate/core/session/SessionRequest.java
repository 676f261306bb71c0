package io.maskgate.core.session;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the OMS/CRM asks for: two participants, a purpose and a lifetime, on a number from {@code pool}.
 *
 * @param ttl the absolute lifetime: the session never outlives {@code createdAt + ttl}
 * @param mode the channels it serves (default {@link SessionMode#BOTH})
 * @param slidingTtl when present, the session stays alive only {@code slidingTtl} after its
 *     creation or its last routed interaction, capped by {@code ttl}
 */
public record SessionRequest(String purpose, Duration ttl, String reference, String pool, Participant a, Participant b,
                             SessionMode mode, Optional<Duration> slidingTtl) {
    public SessionRequest {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(slidingTtl, "slidingTtl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        if (slidingTtl.map(s -> s.toMillis() < 1).orElse(false)) {
            throw new IllegalArgumentException("slidingTtl must be at least 1 ms");
        }
        if (a.number().equals(b.number())) {
            throw new IllegalArgumentException("the two participants must have different numbers");
        }
        if (a.id().equals(b.id())) {
            throw new IllegalArgumentException("the two participants must have different ids");
        }
    }

    /** Both channels, no sliding window. */
    public SessionRequest(String purpose, Duration ttl, String reference, String pool, Participant a, Participant b) {
        this(purpose, ttl, reference, pool, a, b, SessionMode.BOTH, Optional.empty());
    }
}
