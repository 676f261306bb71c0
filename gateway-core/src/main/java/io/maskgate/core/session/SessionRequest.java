package io.maskgate.core.session;

import java.time.Duration;
import java.util.Objects;

/** What the OMS/CRM asks for: two participants, a purpose and a lifetime, on a number from {@code pool}. */
public record SessionRequest(String purpose, Duration ttl, String reference, String pool, Participant a, Participant b) {
    public SessionRequest {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        if (a.number().equals(b.number())) {
            throw new IllegalArgumentException("the two participants must have different numbers");
        }
        if (a.id().equals(b.id())) {
            throw new IllegalArgumentException("the two participants must have different ids");
        }
    }
}
