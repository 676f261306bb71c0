package io.maskgate.core.consent;

import io.maskgate.core.consent.ConsentMetrics.Outcome;
import io.maskgate.core.consent.ConsentMetrics.Tier;
import io.maskgate.core.consent.SharedDecisions.Lookup;
import io.maskgate.core.routing.Channel;
import io.maskgate.core.routing.ConsentGate;
import io.maskgate.core.routing.ConsentVerdict;
import io.maskgate.keystore.KeyRing;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * The consent gate of DESIGN.md section 4: near-cache (this node) -> shared entry (Redis, every
 * node) -> consent platform, with each decision reused for the platform's TTL capped by
 * {@link ConsentCacheOptions#maxCacheTtl()}.
 *
 * <ul>
 *   <li><b>Fail closed.</b> The future always completes normally. No cached decision and the source
 *       failing or slower than {@code sourceTimeout}: UNAVAILABLE. A Redis failure is a cache miss,
 *       never a grant: the platform is asked, and its answer is then not cached (the revocation
 *       epoch it would be checked against is unknown).</li>
 *   <li><b>Single flight.</b> Concurrent misses for one (subject, purpose, channel) on this node
 *       share one lookup and at most one platform request.</li>
 *   <li><b>Revocation.</b> Registered with {@link ConsentRevocations}; see there for what takes
 *       effect when.</li>
 * </ul>
 * Futures complete on Redis or HTTP client threads: callers must not block in callbacks.
 */
public final class CachingConsentGate implements ConsentGate, AutoCloseable {

    private final ConsentSource source;
    private final SharedDecisions shared;
    private final ConsentRevocations revocations;
    private final ConsentCacheOptions options;
    private final Clock clock;
    private final ConsentMetrics metrics;
    private final NearCache near;
    /** Starts as the options' cap; a conf reload may change it ({@link #maxCacheTtl(Duration)}). */
    private volatile Duration maxCacheTtl;
    private final ConcurrentMap<NearCache.Key, CompletableFuture<ConsentVerdict>> inFlight = new ConcurrentHashMap<>();
    private final ConsentRevocations.CacheHook hook = new Hook();

    private CachingConsentGate(ConsentSource source, ConsentRedis redis, ConsentRevocations revocations, KeyRing keys,
                               ConsentCacheOptions options, Clock clock, MeterRegistry registry) {
        this.source = source;
        this.shared = new SharedDecisions(redis, keys, clock, options.redisTimeout());
        this.revocations = revocations;
        this.options = options;
        this.clock = clock;
        this.metrics = new ConsentMetrics(registry);
        this.near = new NearCache(options.nearCacheSize());
        this.maxCacheTtl = options.maxCacheTtl();
    }

    /**
     * Changes the cap on how long a platform's answer is cached (conf reload). Applies to answers
     * cached from now on; entries already cached keep their expiry.
     */
    public void maxCacheTtl(Duration cap) {
        if (cap.isNegative() || cap.isZero()) {
            throw new IllegalArgumentException("maxCacheTtl must be positive");
        }
        this.maxCacheTtl = cap;
    }

    /** Builds the gate and registers it with this node's {@code revocations}. */
    public static CachingConsentGate create(ConsentSource source, ConsentRedis redis, ConsentRevocations revocations,
                                            KeyRing keys, ConsentCacheOptions options, Clock clock,
                                            MeterRegistry registry) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(revocations, "revocations");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(registry, "registry");
        CachingConsentGate gate = new CachingConsentGate(source, redis, revocations, keys, options, clock, registry);
        revocations.attach(gate.hook);
        return gate;
    }

    @Override
    public CompletableFuture<ConsentVerdict> check(String subjectId, String purpose, Channel channel) {
        ConsentQuery query;
        try {
            query = new ConsentQuery(subjectId, purpose, channel);
        } catch (RuntimeException e) {
            metrics.check(Outcome.UNAVAILABLE, Tier.PLATFORM);
            return CompletableFuture.completedFuture(ConsentVerdict.unavailable());
        }
        NearCache.Key key = new NearCache.Key(subjectId, purpose, channel);
        Optional<CachedDecision> hit = nearUsable() ? near.get(key, clock.instant()) : Optional.empty();
        if (hit.isEmpty()) {
            return miss(query, key);
        }
        if (!options.verifyEpochOnNearHit()) {
            return CompletableFuture.completedFuture(counted(hit.get(), Tier.NEAR));
        }
        CachedDecision cached = hit.get();
        return shared.epoch(subjectId).thenCompose(epoch -> {
            if (epoch.isPresent() && epoch.getAsLong() == cached.epoch()) {
                return CompletableFuture.completedFuture(counted(cached, Tier.NEAR));
            }
            near.remove(key);
            return miss(query, key);
        });
    }

    /** Decisions held in this node's memory (for tests and a gauge). */
    public int nearCacheSize() {
        return near.size();
    }

    /** Unregisters from revocations; the source and Redis belong to the caller. */
    @Override
    public void close() {
        revocations.detach(hook);
    }

    private boolean nearUsable() {
        // With epoch checks a hit is confirmed anyway; without, only a live subscription keeps it honest.
        return options.verifyEpochOnNearHit() || revocations.isSubscribed();
    }

    private CompletableFuture<ConsentVerdict> miss(ConsentQuery query, NearCache.Key key) {
        CompletableFuture<ConsentVerdict> mine = new CompletableFuture<>();
        CompletableFuture<ConsentVerdict> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return running.copy();
        }
        long generation = near.generation();
        fetch(query, key, generation).whenComplete((verdict, error) -> {
            inFlight.remove(key, mine);
            mine.complete(error == null ? verdict : unavailable());
        });
        return mine.copy();
    }

    private CompletableFuture<ConsentVerdict> fetch(ConsentQuery query, NearCache.Key key, long generation) {
        return shared.lookup(query).thenCompose(lookup -> {
            if (lookup.decision().isPresent()) {
                CachedDecision d = lookup.decision().get();
                keepNear(key, d, generation);
                return CompletableFuture.completedFuture(counted(d, Tier.SHARED));
            }
            return ask(query, key, generation, lookup);
        });
    }

    private CompletableFuture<ConsentVerdict> ask(ConsentQuery query, NearCache.Key key, long generation, Lookup lookup) {
        Timer.Sample sample = metrics.startSource();
        CompletableFuture<SourceAnswer> answer;
        try {
            answer = source.ask(query).copy().orTimeout(options.sourceTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.handle((a, error) -> {
            metrics.stopSource(sample, error == null);
            if (error != null || a == null) {
                return CompletableFuture.completedFuture(unavailable());
            }
            metrics.check(a.decision() == SourceAnswer.Decision.GRANTED ? Outcome.GRANTED : Outcome.DENIED, Tier.PLATFORM);
            Duration cap = maxCacheTtl;
            Duration ttl = a.cacheFor().compareTo(cap) > 0 ? cap : a.cacheFor();
            if (ttl.isZero() || lookup.epoch().isEmpty()) {
                return CompletableFuture.completedFuture(a.toVerdict());
            }
            CachedDecision d = new CachedDecision(a.decision(), a.decisionId(), lookup.epoch().getAsLong(),
                    clock.instant().plus(ttl));
            keepNear(key, d, generation);
            // Answer once the shared entry is written, so that a check on another node right after
            // this one sees the same decision instead of asking the platform again (one extra Redis
            // round trip on a miss only; a failed write does not delay or change the answer).
            return shared.store(query, d, ttl).thenApply(written -> a.toVerdict());
        }).thenCompose(java.util.function.Function.identity());
    }

    private void keepNear(NearCache.Key key, CachedDecision d, long generation) {
        if (!nearUsable()) {
            return;
        }
        Instant nearLimit = clock.instant().plus(options.nearCacheTtl());
        CachedDecision bounded = d.expiresAt().isAfter(nearLimit)
                ? new CachedDecision(d.decision(), d.decisionId(), d.epoch(), nearLimit) : d;
        near.put(key, bounded, generation);
    }

    private ConsentVerdict counted(CachedDecision d, Tier tier) {
        metrics.check(d.decision() == SourceAnswer.Decision.GRANTED ? Outcome.GRANTED : Outcome.DENIED, tier);
        return d.toVerdict();
    }

    private ConsentVerdict unavailable() {
        metrics.check(Outcome.UNAVAILABLE, Tier.PLATFORM);
        return ConsentVerdict.unavailable();
    }

    /** Revocations from {@link ConsentRevocations}: drop memory and detach in-flight fetches. */
    private final class Hook implements ConsentRevocations.CacheHook {
        @Override
        public void revoked(Revocation r) {
            near.revoke(r);
            // A check from now on must not join a fetch that began before the revocation.
            inFlight.keySet().removeIf(k -> k.matches(r));
        }

        @Override
        public void lostTrack() {
            near.clear();
            inFlight.clear();
        }
    }
}
