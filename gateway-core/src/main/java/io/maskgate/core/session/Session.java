package io.maskgate.core.session;

import io.maskgate.core.number.PhoneNumber;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A masking session: the proxy number binds exactly two participants for a purpose until
 * {@code expiresAt}. A caller who is participant {@code a} reaches {@code b} and the other way round.
 *
 * @param reference the external reference of the OMS/CRM (order or ticket id); may be empty
 * @param expiresAt the absolute expiry: nothing extends a session beyond it
 * @param mode the channels the session serves
 * @param slidingTtl when present, each routed interaction moves {@code activeUntil} to
 *     {@code min(now + slidingTtl, expiresAt)}
 * @param activeUntil when the session stops resolving unless an interaction extends it: the
 *     sliding window's end, or {@code expiresAt} without one
 * @param status open, in progress or closed; closed exactly when {@code closure} is present
 * @param closure why and when it was closed
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
        String reference,
        SessionMode mode,
        Optional<Duration> slidingTtl,
        Instant activeUntil,
        SessionStatus status,
        Optional<Closure> closure) {

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
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(slidingTtl, "slidingTtl");
        Objects.requireNonNull(activeUntil, "activeUntil");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(closure, "closure");
        if ((status == SessionStatus.CLOSED) != closure.isPresent()) {
            throw new IllegalArgumentException("a session is CLOSED exactly when it has a closure");
        }
        if (activeUntil.isAfter(expiresAt)) {
            throw new IllegalArgumentException("activeUntil is capped by expiresAt");
        }
    }

    /** An open session serving both channels without a sliding window (static proxies, older records). */
    public Session(SessionId id, String purpose, Participant a, Participant b, PhoneNumber proxyNumber, String pool,
                   Instant createdAt, Instant expiresAt, String reference) {
        this(id, purpose, a, b, proxyNumber, pool, createdAt, expiresAt, reference, SessionMode.BOTH,
                Optional.empty(), expiresAt, SessionStatus.OPEN, Optional.empty());
    }

    /** The end of the first window: {@code min(createdAt + slidingTtl, expiresAt)}, or {@code expiresAt}. */
    public static Instant initialActiveUntil(Instant createdAt, Instant expiresAt, Optional<Duration> slidingTtl) {
        return slidingTtl.map(ttl -> min(createdAt.plus(ttl), expiresAt)).orElse(expiresAt);
    }

    /** Where an interaction at {@code now} moves {@code activeUntil} to (never backwards). */
    public Instant extendedAt(Instant now) {
        return slidingTtl.map(ttl -> max(activeUntil, min(now.plus(ttl), expiresAt))).orElse(activeUntil);
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

    /** True once {@code now} reached the end of the active window (or of the session). */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(activeUntil);
    }

    public boolean isClosed() {
        return status == SessionStatus.CLOSED;
    }

    /** This session with an interaction recorded: in progress, active until {@code until}. */
    public Session inProgressUntil(Instant until) {
        if (isClosed()) {
            return this;
        }
        return new Session(id, purpose, a, b, proxyNumber, pool, createdAt, expiresAt, reference, mode, slidingTtl,
                min(until, expiresAt), SessionStatus.IN_PROGRESS, Optional.empty());
    }

    /** This session closed for {@code reason} at {@code at}; a closed one keeps its first closure. */
    public Session closed(CloseReason reason, Instant at) {
        if (isClosed()) {
            return this;
        }
        return new Session(id, purpose, a, b, proxyNumber, pool, createdAt, expiresAt, reference, mode, slidingTtl,
                min(activeUntil, at), SessionStatus.CLOSED, Optional.of(new Closure(reason, at)));
    }

    /** As the API shows it at {@code now}: a session whose window ended is closed, reason {@code expired}. */
    public Session viewAt(Instant now) {
        return !isClosed() && isExpiredAt(now) ? closed(CloseReason.EXPIRED, activeUntil) : this;
    }

    private static Instant min(Instant x, Instant y) {
        return x.isBefore(y) ? x : y;
    }

    private static Instant max(Instant x, Instant y) {
        return x.isAfter(y) ? x : y;
    }
}
