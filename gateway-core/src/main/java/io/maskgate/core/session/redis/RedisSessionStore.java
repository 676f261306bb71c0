package io.maskgate.core.session.redis;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.maskgate.core.number.PhoneNumber;
import io.maskgate.core.pool.NumberPool;
import io.maskgate.core.pool.NumberPools;
import io.maskgate.core.session.CloseReason;
import io.maskgate.core.session.PoolExhaustedException;
import io.maskgate.core.session.Resolution;
import io.maskgate.core.session.Session;
import io.maskgate.core.session.SessionId;
import io.maskgate.core.session.SessionRequest;
import io.maskgate.core.session.SessionStore;
import io.maskgate.core.session.SessionStoreException;
import io.maskgate.core.session.StoreUnavailableException;
import io.maskgate.core.session.UnknownPoolException;
import io.maskgate.core.session.codec.Activity;
import io.maskgate.core.session.codec.Allocations;
import io.maskgate.core.session.codec.Allocations.Candidate;
import io.maskgate.core.session.codec.RedisKeys;
import io.maskgate.core.session.codec.RoutingEntry;
import io.maskgate.core.session.codec.SessionCodec;
import io.maskgate.core.session.codec.SessionEntries;
import io.maskgate.core.session.codec.SessionEntries.Entry;
import io.maskgate.core.session.codec.UnreadableEntryException;
import io.maskgate.core.session.redis.StoreMetrics.Kind;
import io.maskgate.core.session.redis.StoreMetrics.Op;
import io.maskgate.core.session.redis.StoreMetrics.Outcome;
import io.maskgate.keystore.KeyRing;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session map in Redis (standalone or Sentinel through one lettuce connection). Key layout and
 * value encryption: {@link io.maskgate.core.session.codec.RedisKeys}. Fails closed: while Redis is
 * down, slow or not yet reached, {@link #resolve} answers {@link Resolution.Unavailable} within
 * about the command timeout and the other operations fail with {@link StoreUnavailableException}.
 *
 * <p>Futures complete on lettuce's I/O threads: callers must not block in their callbacks.
 */
public final class RedisSessionStore implements SessionStore {

    private static final Logger LOG = LoggerFactory.getLogger(RedisSessionStore.class);
    /** Compare-and-close tries before a close gives up as contended (only concurrent closes race it). */
    private static final int CLOSE_ATTEMPTS = 3;

    private final RedisStoreOptions options;
    private final RedisConnector connector;
    private final NumberPools pools;
    private final SessionCodec codec;
    private final Allocations allocations;
    private final Clock clock;
    private final StoreMetrics metrics;
    private final Duration backstop;
    private final Duration closedRetention;
    private final boolean ownsConnector;

    private RedisSessionStore(RedisStoreOptions options, RedisConnector connector, boolean ownsConnector,
                              NumberPools pools, KeyRing keys, Clock clock, MeterRegistry registry,
                              Duration closedRetention) {
        this.options = options;
        this.connector = connector;
        this.ownsConnector = ownsConnector;
        this.pools = pools;
        this.codec = new SessionCodec(keys);
        this.allocations = new Allocations(codec, clock);
        this.clock = clock;
        this.metrics = new StoreMetrics(registry);
        this.backstop = options.commandTimeout().multipliedBy(2);
        this.closedRetention = Objects.requireNonNull(closedRetention, "closedRetention");
        if (closedRetention.toMillis() < 1) {
            throw new IllegalArgumentException("closedRetention must be at least 1 ms");
        }
    }

    /**
     * Builds the store and starts connecting in the background. Never fails because Redis is down:
     * until the first connect succeeds, the store answers "unavailable" and {@link #ping} false.
     */
    public static RedisSessionStore create(RedisStoreOptions options, NumberPools pools, KeyRing keys,
                                           Clock clock, MeterRegistry registry) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(pools, "pools");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(registry, "registry");
        RedisConnector connector = new RedisConnector(options);
        RedisSessionStore store = new RedisSessionStore(options, connector, true, pools, keys, clock, registry,
                DEFAULT_CLOSED_RETENTION);
        connector.start();
        return store;
    }

    /**
     * Builds the store on a connector shared with the other Redis users of the process (consent
     * cache, message-id map, events). The caller started the connector and closes it after the store.
     */
    public static RedisSessionStore create(RedisStoreOptions options, RedisConnector shared, NumberPools pools,
                                           KeyRing keys, Clock clock, MeterRegistry registry) {
        return create(options, shared, pools, keys, clock, registry, DEFAULT_CLOSED_RETENTION);
    }

    /** As above, keeping closed (and expired) session records for {@code closedRetention} (at least 1 ms). */
    public static RedisSessionStore create(RedisStoreOptions options, RedisConnector shared, NumberPools pools,
                                           KeyRing keys, Clock clock, MeterRegistry registry,
                                           Duration closedRetention) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(shared, "shared");
        Objects.requireNonNull(pools, "pools");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(registry, "registry");
        return new RedisSessionStore(options, shared, false, pools, keys, clock, registry, closedRetention);
    }

    @Override
    public CompletableFuture<Session> create(SessionRequest request) {
        Timer.Sample sample = metrics.start();
        NumberPool pool;
        try {
            pool = pools.require(request.pool());
        } catch (UnknownPoolException e) {
            metrics.stop(sample, Op.CREATE, Outcome.NOT_FOUND);
            return CompletableFuture.failedFuture(e);
        }
        int budget = Math.min(pool.size(), options.allocationAttempts());
        return tryCandidates(allocations.candidates(request, pool, closedRetention), budget, pool.name())
                .handle((session, error) -> {
                    if (error == null) {
                        metrics.stop(sample, Op.CREATE, Outcome.OK);
                        return CompletableFuture.completedFuture(session);
                    }
                    SessionStoreException failure = failure("create", error);
                    metrics.stop(sample, Op.CREATE, failure instanceof PoolExhaustedException
                            ? Outcome.EXHAUSTED : Outcome.UNAVAILABLE);
                    return CompletableFuture.<Session>failedFuture(failure);
                })
                .thenCompose(Function.identity());
    }

    /**
     * One allocation script per candidate until one is written. Sequential on purpose: two
     * candidates in flight for one request could both succeed.
     */
    private CompletableFuture<Session> tryCandidates(Iterator<Candidate> candidates, int budget, String pool) {
        if (budget <= 0 || !candidates.hasNext()) {
            return CompletableFuture.failedFuture(new PoolExhaustedException(pool));
        }
        Candidate candidate = candidates.next();
        List<Entry> entries = candidate.entries().inScriptOrder();
        String[] keys = entries.stream().map(Entry::key).toArray(String[]::new);
        byte[] ttl = ascii(candidate.ttl().toMillis());
        byte[] recordTtl = ascii(candidate.recordTtl().toMillis());
        return call(redis -> StoreScripts.ALLOCATE.runForLong(redis, keys,
                        entries.get(0).value(), entries.get(1).value(), entries.get(2).value(), ttl, recordTtl))
                .thenCompose(written -> written == 1L
                        ? CompletableFuture.completedFuture(candidate.session())
                        : tryCandidates(candidates, budget - 1, pool));
    }

    @Override
    public CompletableFuture<Resolution> resolve(PhoneNumber proxyNumber, PhoneNumber caller) {
        Timer.Sample sample = metrics.start();
        String key;
        try {
            key = codec.keys().routingKey(proxyNumber, caller);
        } catch (RuntimeException e) {
            metrics.stop(sample, Op.RESOLVE, Outcome.UNAVAILABLE);
            return CompletableFuture.completedFuture(unavailable(e));
        }
        String touched = RedisKeys.touchedKey(key);
        // the touched marker rides in the same MGET (same slot): the router learns whether the
        // session is already in progress without a second round trip
        return call(redis -> redis.mget(key, touched))
                .handle((values, error) -> {
                    Resolution resolution = error != null ? unavailable(error)
                            : readRouting(key, values.get(0).getValueOrElse(null), values.get(1).getValueOrElse(null));
                    metrics.stop(sample, Op.RESOLVE, outcomeOf(resolution));
                    return resolution;
                });
    }

    private Resolution readRouting(String key, byte[] value, byte[] touchedBy) {
        if (value == null) {
            return new Resolution.NoSession(Resolution.Why.NOT_FOUND);
        }
        try {
            RoutingEntry entry = codec.openRouting(key, value);
            boolean inProgress = touchedBy != null
                    && entry.sessionId().value().equals(new String(touchedBy, StandardCharsets.US_ASCII));
            return entry.resolveAt(clock.instant(), inProgress);
        } catch (UnreadableEntryException e) {
            metrics.unreadable(Kind.ROUTING);
            LOG.warn("Unreadable routing entry in bucket of key {}: {}", bucketOf(key), e.getMessage());
            return new Resolution.NoSession(Resolution.Why.UNREADABLE);
        }
    }

    @Override
    public CompletableFuture<Optional<Session>> find(SessionId id) {
        Timer.Sample sample = metrics.start();
        Optional<String> key = codec.keys().sessionKey(id);
        if (key.isEmpty()) {
            metrics.stop(sample, Op.FIND, Outcome.NOT_FOUND);
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return readSession(key.get(), id)
                .handle((read, error) -> {
                    if (error != null) {
                        metrics.stop(sample, Op.FIND, Outcome.UNAVAILABLE);
                        return CompletableFuture.<Optional<Session>>failedFuture(failure("find", error));
                    }
                    metrics.stop(sample, Op.FIND, read.outcome());
                    return CompletableFuture.completedFuture(read.current(clock));
                })
                .thenCompose(Function.identity());
    }

    @Override
    public CompletableFuture<Optional<Session>> close(SessionId id, CloseReason reason) {
        Objects.requireNonNull(reason, "reason");
        Timer.Sample sample = metrics.start();
        Optional<String> key = codec.keys().sessionKey(id);
        if (key.isEmpty()) {
            metrics.stop(sample, Op.CLOSE, Outcome.NOT_FOUND);
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return closeAttempt(key.get(), id, reason, CLOSE_ATTEMPTS)
                .handle((closed, error) -> {
                    if (error != null) {
                        metrics.stop(sample, Op.CLOSE, Outcome.UNAVAILABLE);
                        return CompletableFuture.<Optional<Session>>failedFuture(failure("close", error));
                    }
                    metrics.stop(sample, Op.CLOSE, closed.isPresent() ? Outcome.OK : Outcome.NOT_FOUND);
                    return CompletableFuture.completedFuture(closed);
                })
                .thenCompose(Function.identity());
    }

    /** Read, seal the closed record, compare-and-close; read again when a concurrent close won the race. */
    private CompletableFuture<Optional<Session>> closeAttempt(String key, SessionId id, CloseReason reason, int left) {
        return readSession(key, id).thenCompose(read -> {
            Optional<Session> now = read.current(clock);
            if (now.isEmpty() || now.get().isClosed()) {
                return CompletableFuture.completedFuture(now);
            }
            if (left <= 0) {
                return CompletableFuture.failedFuture(new StoreUnavailableException("close (contended)", null));
            }
            Session closed = now.get().closed(reason, clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            String[] keys = withTouchedMarkers(codec.lifecycleKeysOf(closed));
            SessionEntries.Entry record = codec.sealRecord(closed);
            byte[] retention = ascii(closedRetention.toMillis());
            return call(redis -> StoreScripts.CLOSE.runForLong(redis, keys, read.raw(), record.value(), retention))
                    .thenCompose(done -> done == 1L ? CompletableFuture.completedFuture(Optional.of(closed))
                            : closeAttempt(key, id, reason, left - 1));
        });
    }

    @Override
    public CompletableFuture<Boolean> touch(PhoneNumber proxyNumber, PhoneNumber caller, Resolution.Routable routable) {
        Timer.Sample sample = metrics.start();
        Optional<String> sessionKey = codec.keys().sessionKey(routable.sessionId());
        if (sessionKey.isEmpty()) {
            metrics.stop(sample, Op.TOUCH, Outcome.NOT_FOUND);
            return CompletableFuture.completedFuture(false);
        }
        String[] keys = withTouchedMarkers(List.of(sessionKey.get(), codec.keys().routingKey(proxyNumber, caller),
                codec.keys().routingKey(proxyNumber, routable.counterpart().number()),
                codec.keys().activityKey(routable.sessionId()).orElseThrow()));
        byte[] sessionId = routable.sessionId().value().getBytes(StandardCharsets.US_ASCII);
        java.time.Instant now = clock.instant();
        java.time.Instant until = routable.slidingTtl().map(now::plus).filter(t -> t.isBefore(routable.expiresAt()))
                .orElse(routable.expiresAt());
        long routingTtl = routable.slidingTtl().isPresent() ? Math.max(1, Duration.between(now, until).toMillis()) : 0;
        return call(redis -> StoreScripts.TOUCH.runForLong(redis, keys, ascii(until.toEpochMilli()), ascii(routingTtl),
                        sessionId))
                .handle((done, error) -> {
                    if (error != null) {
                        metrics.stop(sample, Op.TOUCH, Outcome.UNAVAILABLE);
                        throw failure("touch", error);
                    }
                    metrics.stop(sample, Op.TOUCH, done == 1L ? Outcome.OK : Outcome.NOT_FOUND);
                    return done == 1L;
                });
    }

    @Override
    public CompletableFuture<Boolean> delete(SessionId id) {
        Timer.Sample sample = metrics.start();
        Optional<String> key = codec.keys().sessionKey(id);
        if (key.isEmpty()) {
            metrics.stop(sample, Op.DELETE, Outcome.NOT_FOUND);
            return CompletableFuture.completedFuture(false);
        }
        String activity = codec.keys().activityKey(id).orElseThrow();
        return readSession(key.get(), id)
                .thenCompose(read -> {
                    if (read.outcome() == Outcome.NOT_FOUND) {
                        return CompletableFuture.completedFuture(0L);
                    }
                    // Unreadable record: its routing keys cannot be derived; they expire with their TTL.
                    // Closed or expired: its routing keys are gone, and those names may be a newer session's.
                    List<String> keys = new java.util.ArrayList<>(read.current(clock).filter(s -> !s.isClosed())
                            .map(codec::keysOf).orElse(List.of(key.get())));
                    if (keys.size() == 3) {
                        keys.add(RedisKeys.touchedKey(keys.get(1)));
                        keys.add(RedisKeys.touchedKey(keys.get(2)));
                    }
                    keys.add(activity);
                    return call(redis -> redis.del(keys.toArray(String[]::new)));
                })
                .handle((deleted, error) -> {
                    if (error != null) {
                        metrics.stop(sample, Op.DELETE, Outcome.UNAVAILABLE);
                        return CompletableFuture.<Boolean>failedFuture(failure("delete", error));
                    }
                    metrics.stop(sample, Op.DELETE, deleted > 0 ? Outcome.OK : Outcome.NOT_FOUND);
                    return CompletableFuture.completedFuture(deleted > 0);
                })
                .thenCompose(Function.identity());
    }

    /**
     * A session record as read: the session if it opened, the activity entry read with it, the
     * sealed value (for compare-and-set), and the outcome for the metric.
     */
    private record Read(Optional<Session> session, byte[] activity, byte[] raw, Outcome outcome) {
        /** The record with its activity applied, as it stands at the clock's now. */
        Optional<Session> current(Clock clock) {
            return session.map(s -> Activity.apply(s, activity).viewAt(clock.instant()));
        }
    }

    /** The record and its activity entry in one MGET (same slot). */
    private CompletableFuture<Read> readSession(String key, SessionId id) {
        String activityKey = codec.keys().activityKey(id).orElseThrow();
        return call(redis -> redis.mget(key, activityKey)).thenApply(values -> {
            byte[] value = values.get(0).getValueOrElse(null);
            byte[] activity = values.get(1).getValueOrElse(null);
            if (value == null) {
                return new Read(Optional.empty(), null, null, Outcome.NOT_FOUND);
            }
            try {
                return new Read(Optional.of(codec.openSession(key, value)), activity, value, Outcome.OK);
            } catch (UnreadableEntryException e) {
                metrics.unreadable(Kind.SESSION);
                LOG.warn("Unreadable session record {}: {}", id, e.getMessage());
                return new Read(Optional.empty(), null, value, Outcome.UNREADABLE);
            }
        });
    }

    /** record, routing A, routing B, activity -> the same followed by both routing entries' touched markers. */
    private static String[] withTouchedMarkers(List<String> lifecycleKeys) {
        return java.util.stream.Stream.concat(lifecycleKeys.stream(), java.util.stream.Stream.of(
                RedisKeys.touchedKey(lifecycleKeys.get(1)), RedisKeys.touchedKey(lifecycleKeys.get(2))))
                .toArray(String[]::new);
    }

    private static byte[] ascii(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public CompletableFuture<Boolean> ping() {
        Timer.Sample sample = metrics.start();
        return call(RedisAsyncCommands::ping).handle((pong, error) -> {
            boolean up = error == null && "PONG".equals(pong);
            metrics.stop(sample, Op.PING, up ? Outcome.OK : Outcome.UNAVAILABLE);
            return up;
        });
    }

    @Override
    public CompletableFuture<RewrapReport> rewrap() {
        Timer.Sample sample = metrics.start();
        return new Rewrapper(codec, this::call, key -> metrics.unreadable(key.contains(":r:") ? Kind.ROUTING : Kind.SESSION)).run()
                .handle((report, error) -> {
                    if (error != null) {
                        metrics.stop(sample, Op.REWRAP, Outcome.UNAVAILABLE);
                        return CompletableFuture.<RewrapReport>failedFuture(failure("rewrap", error));
                    }
                    metrics.stop(sample, Op.REWRAP, Outcome.OK);
                    return CompletableFuture.completedFuture(report);
                })
                .thenCompose(Function.identity());
    }

    @Override
    public void close() {
        if (ownsConnector) {
            connector.close();
        }
    }

    /**
     * Runs one Redis command (or script) with the backstop timeout. Fails fast, without touching the
     * network, while no connection was ever made.
     */
    <T> CompletableFuture<T> call(Function<RedisAsyncCommands<String, byte[]>, CompletionStage<T>> command) {
        Optional<RedisAsyncCommands<String, byte[]>> redis = connector.commands();
        if (redis.isEmpty()) {
            return CompletableFuture.failedFuture(new StoreUnavailableException("connect", null));
        }
        try {
            return io.maskgate.core.concurrent.Timeouts.orTimeout(command.apply(redis.get()).toCompletableFuture(),
                    backstop.toMillis());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static SessionStoreException failure(String operation, Throwable error) {
        Throwable cause = LuaScript.unwrap(error);
        if (cause instanceof SessionStoreException known) {
            return known;
        }
        return new StoreUnavailableException(operation, cause);
    }

    private static Resolution.Unavailable unavailable(Throwable error) {
        Throwable cause = LuaScript.unwrap(error);
        String detail = cause instanceof TimeoutException || cause instanceof io.lettuce.core.RedisCommandTimeoutException
                ? "timeout" : cause.getClass().getSimpleName();
        return new Resolution.Unavailable("session store unavailable: " + detail);
    }

    private static Outcome outcomeOf(Resolution r) {
        if (r instanceof Resolution.Routable) {
            return Outcome.OK;
        }
        if (r instanceof Resolution.NoSession none) {
            return none.why() == Resolution.Why.UNREADABLE ? Outcome.UNREADABLE : Outcome.NOT_FOUND;
        }
        return Outcome.UNAVAILABLE;
    }

    /** The hash-tag part of a key, for logs: pseudonymous, names no number. */
    private static String bucketOf(String key) {
        int open = key.indexOf('{');
        int close = key.indexOf('}');
        return open >= 0 && close > open ? key.substring(open + 1, close) : "?";
    }
}
