package io.maskgate.core.consent;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link WebhookVerifier} made of a revocation webhook. Suggested HTTP answers: OK -> apply,
 * then 200 (503 if {@link ConsentRevocations#revoke} fails); MALFORMED -> 400; BAD_SIGNATURE and
 * STALE -> 401; REPLAY -> 409 (the platform should not retry it).
 */
public record WebhookResult(Status status, Optional<Revocation> revocation) {

    public enum Status { OK, BAD_SIGNATURE, STALE, REPLAY, MALFORMED }

    public WebhookResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(revocation, "revocation");
        if ((status == Status.OK) != revocation.isPresent()) {
            throw new IllegalArgumentException("a revocation comes with OK and only with OK");
        }
    }

    static WebhookResult ok(Revocation revocation) {
        return new WebhookResult(Status.OK, Optional.of(revocation));
    }

    static WebhookResult rejected(Status status) {
        return new WebhookResult(status, Optional.empty());
    }

    public boolean isOk() {
        return status == Status.OK;
    }
}
