package io.maskgate.core.routing;

import java.util.Objects;

/** A consent answer and the decision id the platform gave it (recorded with the routing decision). */
public record ConsentVerdict(Outcome outcome, String decisionId) {
    public ConsentVerdict {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(decisionId, "decisionId");
    }

    public enum Outcome { GRANTED, DENIED, UNAVAILABLE }

    public static ConsentVerdict granted(String decisionId) {
        return new ConsentVerdict(Outcome.GRANTED, decisionId);
    }

    public static ConsentVerdict denied(String decisionId) {
        return new ConsentVerdict(Outcome.DENIED, decisionId);
    }

    public static ConsentVerdict unavailable() {
        return new ConsentVerdict(Outcome.UNAVAILABLE, "");
    }
}
