package io.maskgate.core.consent;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Consent from rules in conf, for the quick start and for tests: the first rule that matches
 * answers; when none does, the default decision answers. Decision ids are
 * {@code static:<rule index>} (0-based, in conf order) and {@code static:default}, so the audit
 * trail shows which rule let a call through. Answers at once and never fails.
 */
public final class StaticConsentSource implements ConsentSource {

    /** Decision id of the default decision. */
    public static final String DEFAULT_DECISION_ID = "static:default";

    private final List<StaticRule> rules;
    private final SourceAnswer fallback;
    private final Duration cacheFor;

    /**
     * @param rules in order of precedence
     * @param defaultDecision when no rule matches
     * @param cacheFor how long a caching gate may reuse an answer (zero: not at all)
     */
    public StaticConsentSource(List<StaticRule> rules, SourceAnswer.Decision defaultDecision, Duration cacheFor) {
        this.rules = List.copyOf(rules);
        this.cacheFor = Objects.requireNonNull(cacheFor, "cacheFor");
        this.fallback = new SourceAnswer(Objects.requireNonNull(defaultDecision, "defaultDecision"),
                DEFAULT_DECISION_ID, cacheFor);
    }

    @Override
    public CompletableFuture<SourceAnswer> ask(ConsentQuery query) {
        return CompletableFuture.completedFuture(decide(query));
    }

    /** The answer, synchronously. */
    public SourceAnswer decide(ConsentQuery query) {
        for (int i = 0; i < rules.size(); i++) {
            StaticRule rule = rules.get(i);
            if (rule.matches(query)) {
                return new SourceAnswer(rule.decision(), "static:" + i, cacheFor);
            }
        }
        return fallback;
    }

    @Override
    public String toString() {
        return "StaticConsentSource[rules=" + rules.size() + ", default=" + fallback.decision() + "]";
    }
}
