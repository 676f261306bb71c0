package io.maskgate.core.session;

import io.maskgate.core.number.PhoneNumber;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A masking session: the proxy number binds exactly two participants for a purpose until
 * {@code expiresAt}. A caller who is participant {@code a} reaches {@code b} and the other way round.
 *
 * @param reference the external reference of the OMS/CRM (order or ticket id); may be empty
 */
public record Session(
        SessionId id,
        String purpose,
        Participant a,
        Participant b,
        PhoneNumber proxyNumber,
        String pool,
        Instant createdAt,
        Instant expiresAt,
        String reference) {

    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(proxyNumber, "proxyNumber");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(reference, "reference");
    }

    /** The other participant when {@code caller} is one of the two, else empty. */
    public Optional<Participant> counterpartOf(PhoneNumber caller) {
        if (a.number().equals(caller)) {
            return Optional.of(b);
        }
        if (b.number().equals(caller)) {
            return Optional.of(a);
        }
        return Optional.empty();
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
