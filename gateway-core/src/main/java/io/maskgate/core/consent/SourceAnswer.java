package io.maskgate.core.consent;

import io.maskgate.core.routing.ConsentVerdict;
import java.time.Duration;
import java.util.Objects;

/**
 * What the consent platform answered: a decision, the platform's id for it (recorded with the
 * routing decision) and how long the gateway may reuse it. {@code cacheFor} zero means "do not
 * cache"; the gate caps it by its own maximum.
 */
public record SourceAnswer(Decision decision, String decisionId, Duration cacheFor) {

    public enum Decision { GRANTED, DENIED }

    public SourceAnswer {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(cacheFor, "cacheFor");
        if (cacheFor.isNegative()) {
            throw new IllegalArgumentException("cacheFor must not be negative, was " + cacheFor);
        }
    }

    public static SourceAnswer granted(String decisionId, Duration cacheFor) {
        return new SourceAnswer(Decision.GRANTED, decisionId, cacheFor);
    }

    public static SourceAnswer denied(String decisionId, Duration cacheFor) {
        return new SourceAnswer(Decision.DENIED, decisionId, cacheFor);
    }

    /** The routing layer's view of this answer. */
    public ConsentVerdict toVerdict() {
        return decision == Decision.GRANTED ? ConsentVerdict.granted(decisionId) : ConsentVerdict.denied(decisionId);
    }
}
