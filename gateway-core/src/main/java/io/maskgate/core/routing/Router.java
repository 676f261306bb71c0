package io.maskgate.core.routing;

import io.maskgate.core.number.InvalidNumberException;
import io.maskgate.core.number.NumberNormalizer;
import io.maskgate.core.number.PhoneNumber;
import io.maskgate.core.session.Resolution;
import io.maskgate.core.session.SessionStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The routing decision of DESIGN.md section 2, the one function both relays call:
 * normalise -> resolve (proxy, caller) -> consent for the callee -> route or refuse.
 *
 * <p>Fail closed: any failure along the way (a store error, a consent source error, even a bug
 * that throws) ends in a {@link Decision.Refuse}; the returned future never completes
 * exceptionally, so a relay cannot forward by forgetting an error path.
 */
public final class Router {
    private final NumberNormalizer normalizer;
    private final SessionStore store;
    private final ConsentGate consent;
    private final DecisionObserver observer;
    private final Counter observerFailures;
    private final Counter touchFailures;
    private final Optional<PhoneNumber> voiceFallback;
    private final Counter fallbacks;
    private final Map<Channel, Counter> routed = new EnumMap<>(Channel.class);
    private final Map<Channel, Map<RefusalReason, Counter>> refused = new EnumMap<>(Channel.class);
    private final Map<String, Timer> storeLookups;
    private final Map<String, Timer> consentChecks;

    public Router(NumberNormalizer normalizer, SessionStore store, ConsentGate consent, MeterRegistry registry) {
        this(normalizer, store, consent, registry, DecisionObserver.NONE);
    }

    /** As above, telling {@code observer} of every decision (decision log, interaction events). */
    public Router(NumberNormalizer normalizer, SessionStore store, ConsentGate consent, MeterRegistry registry,
                  DecisionObserver observer) {
        this(normalizer, store, consent, registry, observer, Optional.empty());
    }

    /**
     * As above; with {@code voiceFallback} present, a call whose caller has no session on the dialled
     * proxy number is decided {@link Decision.Fallback} to that number instead of refused NO_SESSION.
     * SMS keeps being refused.
     */
    public Router(NumberNormalizer normalizer, SessionStore store, ConsentGate consent, MeterRegistry registry,
                  DecisionObserver observer, Optional<PhoneNumber> voiceFallback) {
        this.voiceFallback = Objects.requireNonNull(voiceFallback, "voiceFallback");
        this.fallbacks = RoutingMetrics.decisions(registry, Channel.VOICE, "fallback",
                RefusalReason.NO_SESSION.tag());
        this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
        this.store = Objects.requireNonNull(store, "store");
        this.consent = Objects.requireNonNull(consent, "consent");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.observerFailures = RoutingMetrics.observerFailures(registry);
        this.touchFailures = RoutingMetrics.touchFailures(registry);
        this.storeLookups = RoutingMetrics.lookupTimers(registry, RoutingMetrics.STORE_LOOKUP,
                List.of("found", "no_session", "unavailable"));
        this.consentChecks = RoutingMetrics.lookupTimers(registry, RoutingMetrics.CONSENT_CHECK,
                List.of("granted", "denied", "unavailable"));
        for (Channel channel : Channel.values()) {
            routed.put(channel, RoutingMetrics.decisions(registry, channel, "routed", "none"));
            Map<RefusalReason, Counter> byReason = new EnumMap<>(RefusalReason.class);
            for (RefusalReason reason : RefusalReason.values()) {
                byReason.put(reason, RoutingMetrics.decisions(registry, channel, "refused", reason.tag()));
            }
            refused.put(channel, byReason);
        }
    }

    /** Decides for numbers as they came off the wire (any spelling the normaliser accepts). */
    public CompletableFuture<Decision> decide(String rawProxy, String rawCaller, Channel channel) {
        PhoneNumber caller;
        PhoneNumber proxy;
        try {
            caller = normalizer.normalize(rawCaller);
        } catch (InvalidNumberException e) {
            return invalid(channel, true, e);
        }
        try {
            proxy = normalizer.normalize(rawProxy);
        } catch (InvalidNumberException e) {
            return invalid(channel, false, e);
        }
        return decide(proxy, caller, channel);
    }

    private CompletableFuture<Decision> invalid(Channel channel, boolean callersNumber, InvalidNumberException e) {
        String whose = callersNumber ? "caller number" : "proxy number";
        return CompletableFuture.completedFuture(count(channel, new Decision.Refuse(
                RefusalReason.INVALID_NUMBER, whose + " rejected: " + e.reason(), callersNumber)));
    }

    /**
     * Decides for numbers already in E.164.
     *
     * <p>One completion stage per step that may wait (the lookup, the consent check) and one to
     * join them: every stage is an allocation and a completion pass on the thread that completes
     * it (the Redis event loop, at load), and a relayed SMS paid for seven. Timing, touch, counting
     * and the fail-closed mapping of any error are plain calls inside those stages.
     */
    public CompletableFuture<Decision> decide(PhoneNumber proxy, PhoneNumber caller, Channel channel) {
        long started = System.nanoTime();
        CompletableFuture<Resolution> resolved;
        try {
            resolved = store.resolve(proxy, caller);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(count(channel, routingFailed(e)));
        }
        return resolved.handle((resolution, error) -> {
            timeLookup(started, error == null ? resolution : null);
            if (error != null) {
                return CompletableFuture.completedFuture(count(channel, routingFailed(error)));
            }
            try {
                return afterResolve(proxy, caller, resolution, channel);
            } catch (RuntimeException e) {
                return CompletableFuture.completedFuture(count(channel, routingFailed(e)));
            }
        }).thenCompose(Function.identity());
    }

    /** The decision after the lookup, already counted (and the touch sent when it routes). */
    private CompletableFuture<Decision> afterResolve(PhoneNumber proxy, PhoneNumber caller, Resolution resolution,
                                                     Channel channel) {
        if (resolution instanceof Resolution.Routable routable) {
            if (!routable.mode().allows(channel)) {
                return CompletableFuture.completedFuture(count(channel, new Decision.Refuse(
                        RefusalReason.MODE_NOT_ALLOWED,
                        "session mode " + routable.mode().wireName() + " does not serve " + channel.tag())));
            }
            long started = System.nanoTime();
            return consent.check(routable.counterpart().id(), routable.purpose(), channel)
                    .handle((verdict, error) -> {
                        timeConsent(started, error == null ? verdict : null);
                        Decision decision;
                        try {
                            decision = afterConsent(proxy, routable, verdict, error);
                        } catch (RuntimeException e) {
                            decision = routingFailed(e);
                        }
                        if (decision instanceof Decision.Route && routable.needsTouch()) {
                            touch(proxy, caller, routable);
                        }
                        return count(channel, decision);
                    });
        }
        if (resolution instanceof Resolution.NoSession none) {
            String detail = "no session: " + none.why();
            if (channel == Channel.VOICE && voiceFallback.isPresent()) {
                return CompletableFuture.completedFuture(count(channel,
                        new Decision.Fallback(voiceFallback.get(), proxy, RefusalReason.NO_SESSION, detail)));
            }
            return CompletableFuture.completedFuture(count(channel,
                    new Decision.Refuse(RefusalReason.NO_SESSION, detail)));
        }
        Resolution.Unavailable unavailable = (Resolution.Unavailable) resolution;
        return CompletableFuture.completedFuture(count(channel,
                new Decision.Refuse(RefusalReason.STORE_UNAVAILABLE, unavailable.detail())));
    }

    /** Any failure along the way (a store error, even a bug that throws) refuses: fail closed. */
    private static Decision routingFailed(Throwable e) {
        return new Decision.Refuse(RefusalReason.STORE_UNAVAILABLE,
                "routing failed: " + rootCause(e).getClass().getSimpleName());
    }

    private static Decision afterConsent(
            PhoneNumber proxy, Resolution.Routable routable, ConsentVerdict verdict, Throwable error) {
        if (error != null || verdict == null) {
            return new Decision.Refuse(RefusalReason.CONSENT_UNAVAILABLE, "consent check failed");
        }
        return switch (verdict.outcome()) {
            case GRANTED -> new Decision.Route(
                    routable.counterpart().number(), proxy, routable.sessionId(), routable.purpose(),
                    routable.callerId(), routable.counterpart().id(), verdict.decisionId());
            case DENIED -> new Decision.Refuse(RefusalReason.CONSENT_DENIED, "consent denied: " + verdict.decisionId());
            case UNAVAILABLE -> new Decision.Refuse(RefusalReason.CONSENT_UNAVAILABLE, "consent source unavailable");
        };
    }

    /**
     * Records the interaction (in progress, sliding window) without waiting, and only when that
     * changes something ({@link Resolution.Routable#needsTouch}): a second call on a session without
     * a sliding window costs no write. The decision is already
     * made and the relay forwards at once; a failure is counted, never turned into a refusal.
     */
    private void touch(PhoneNumber proxy, PhoneNumber caller, Resolution.Routable routable) {
        try {
            store.touch(proxy, caller, routable).whenComplete((done, error) -> {
                if (error != null) {
                    touchFailures.increment();
                }
            });
        } catch (RuntimeException e) {
            touchFailures.increment();
        }
    }

    private void timeLookup(long started, Resolution resolution) {
        String outcome = resolution instanceof Resolution.Routable ? "found"
                : resolution instanceof Resolution.NoSession ? "no_session" : "unavailable";
        storeLookups.get(outcome).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    private void timeConsent(long started, ConsentVerdict verdict) {
        String outcome = verdict == null ? "unavailable" : switch (verdict.outcome()) {
            case GRANTED -> "granted";
            case DENIED -> "denied";
            case UNAVAILABLE -> "unavailable";
        };
        consentChecks.get(outcome).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    private Decision count(Channel channel, Decision decision) {
        if (decision instanceof Decision.Refuse refuse) {
            refused.get(channel).get(refuse.reason()).increment();
        } else if (decision instanceof Decision.Fallback) {
            fallbacks.increment();
        } else {
            routed.get(channel).increment();
        }
        try {
            observer.onDecision(channel, decision);
        } catch (RuntimeException e) {
            // The decision stands: a broken log or event sink must not route or refuse anything.
            observerFailures.increment();
        }
        return decision;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
