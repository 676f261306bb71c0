package io.maskgate.core.routing;

/**
 * Told of every routing decision, routed or refused, after it is made (the decision log and the
 * interaction events hang here). Called on the thread that completed the decision, so it must
 * only hand work off; an exception it throws is counted by the {@link Router} and never changes
 * the decision.
 */
@FunctionalInterface
public interface DecisionObserver {
    /** Observes nothing: the quick start without a decision log. */
    DecisionObserver NONE = (channel, decision) -> { };

    void onDecision(Channel channel, Decision decision);
}
