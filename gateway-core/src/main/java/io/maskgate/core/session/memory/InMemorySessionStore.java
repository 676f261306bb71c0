package io.maskgate.core.session.memory;

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
import io.maskgate.core.session.codec.Activity;
import io.maskgate.core.session.codec.Allocations;
import io.maskgate.core.session.codec.Allocations.Candidate;
import io.maskgate.core.session.codec.RoutingEntry;
import io.maskgate.core.session.codec.SessionCodec;
import io.maskgate.core.session.codec.SessionEntries.Entry;
import io.maskgate.core.session.codec.UnreadableEntryException;
import io.maskgate.keystore.KeyRing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session map inside the gateway's own memory, for the single-node quick start and for tests.
 * Same keys, same envelopes and same semantics as the Redis store (the map holds exactly what
 * Redis would), but nothing survives a restart and nothing is shared between nodes.
 *
 * <p>Allocation, close, touch and deletion run under one lock; reads take no lock. Expiry follows the injected
 * clock: an entry past its expiry is treated as absent on read and removed, and {@link #purgeExpired}
 * drops the rest (call it from a timer).
 */
public final class InMemorySessionStore implements SessionStore {

    private static final Logger LOG = LoggerFactory.getLogger(InMemorySessionStore.class);
    /** Session records are {@code mg:{b}:s:<id>} ({@link io.maskgate.core.session.codec.RedisKeys}). */
    private static final String SESSION_KEY_MARK = "}:s:";

    /** A sealed value and when the store forgets it (Redis's TTL). */
    private record Stored(byte[] value, Instant expiresAt) {}

    private final NumberPools pools;
    private final SessionCodec codec;
    private final Allocations allocations;
    private final Clock clock;
    private final Duration closedRetention;
    private final Map<String, Stored> entries = new ConcurrentHashMap<>();
    private final ReentrantLock writeLock = new ReentrantLock();

    /** Keeps closed records for {@link SessionStore#DEFAULT_CLOSED_RETENTION}. */
    public InMemorySessionStore(NumberPools pools, KeyRing keys, Clock clock) {
        this(pools, keys, clock, DEFAULT_CLOSED_RETENTION);
    }

    /** @param closedRetention how long a closed (or expired) session's record stays readable; not negative */
    public InMemorySessionStore(NumberPools pools, KeyRing keys, Clock clock, Duration closedRetention) {
        this.pools = Objects.requireNonNull(pools, "pools");
        this.codec = new SessionCodec(Objects.requireNonNull(keys, "keys"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.closedRetention = Objects.requireNonNull(closedRetention, "closedRetention");
        if (closedRetention.isNegative()) {
            throw new IllegalArgumentException("closedRetention must not be negative");
        }
        this.allocations = new Allocations(codec, clock);
    }

    @Override
    public CompletableFuture<Session> create(SessionRequest request) {
        try {
            NumberPool pool = pools.require(request.pool());
            return CompletableFuture.completedFuture(allocate(request, pool));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private Session allocate(SessionRequest request, NumberPool pool) {
        writeLock.lock();
        try {
            Iterator<Candidate> candidates = allocations.candidates(request, pool, closedRetention);
            while (candidates.hasNext()) {
                Candidate c = candidates.next();
                if (live(c.entries().routingA().key()).isEmpty() && live(c.entries().routingB().key()).isEmpty()) {
                    Instant routingUntil = c.session().createdAt().plus(c.ttl());
                    Instant recordUntil = c.session().createdAt().plus(c.recordTtl());
                    entries.put(c.entries().routingA().key(), new Stored(c.entries().routingA().value(), routingUntil));
                    entries.put(c.entries().routingB().key(), new Stored(c.entries().routingB().value(), routingUntil));
                    entries.put(c.entries().session().key(), new Stored(c.entries().session().value(), recordUntil));
                    return c.session();
                }
            }
            throw new PoolExhaustedException(pool.name());
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public CompletableFuture<Resolution> resolve(PhoneNumber proxyNumber, PhoneNumber caller) {
        String key = codec.keys().routingKey(proxyNumber, caller);
        Optional<Stored> stored = live(key);
        if (stored.isEmpty()) {
            return CompletableFuture.completedFuture(new Resolution.NoSession(Resolution.Why.NOT_FOUND));
        }
        try {
            RoutingEntry entry = codec.openRouting(key, stored.get().value());
            return CompletableFuture.completedFuture(entry.resolveAt(clock.instant(), inProgress(entry.sessionId())));
        } catch (UnreadableEntryException e) {
            LOG.warn("Unreadable routing entry: {}", e.getMessage());
            return CompletableFuture.completedFuture(new Resolution.NoSession(Resolution.Why.UNREADABLE));
        }
    }

    /** True when an interaction of the session was recorded and it is not closed (its activity names an instant). */
    private boolean inProgress(SessionId id) {
        return codec.keys().activityKey(id).flatMap(this::live).flatMap(a -> Activity.parse(a.value())).isPresent();
    }

    @Override
    public CompletableFuture<Optional<Session>> find(SessionId id) {
        return CompletableFuture.completedFuture(current(id));
    }

    /** The record with its activity applied, as it stands now. */
    private Optional<Session> current(SessionId id) {
        byte[] activity = codec.keys().activityKey(id).flatMap(this::live).map(Stored::value).orElse(null);
        return readSession(id).map(s -> Activity.apply(s, activity).viewAt(clock.instant()));
    }

    @Override
    public CompletableFuture<Optional<Session>> close(SessionId id, CloseReason reason) {
        writeLock.lock();
        try {
            Optional<Session> now = current(id);
            if (now.isEmpty() || now.get().isClosed()) {
                return CompletableFuture.completedFuture(now);
            }
            Session closed = now.get().closed(reason, clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            List<String> keys = codec.lifecycleKeysOf(closed);
            Instant until = clock.instant().plus(closedRetention);
            entries.remove(keys.get(1));
            entries.remove(keys.get(2));
            Entry record = codec.sealRecord(closed);
            entries.put(record.key(), new Stored(record.value(), until));
            entries.put(keys.get(3), new Stored(Activity.closed(), until));
            return CompletableFuture.completedFuture(Optional.of(closed));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public CompletableFuture<Boolean> touch(PhoneNumber proxyNumber, PhoneNumber caller, Resolution.Routable routable) {
        Optional<String> sessionKey = codec.keys().sessionKey(routable.sessionId());
        Optional<String> activityKey = codec.keys().activityKey(routable.sessionId());
        if (sessionKey.isEmpty() || activityKey.isEmpty()) {
            return CompletableFuture.completedFuture(false);
        }
        String callerKey = codec.keys().routingKey(proxyNumber, caller);
        String counterpartKey = codec.keys().routingKey(proxyNumber, routable.counterpart().number());
        Instant now = clock.instant();
        Instant until = routable.slidingTtl().map(ttl -> now.plus(ttl)).filter(t -> t.isBefore(routable.expiresAt()))
                .orElse(routable.expiresAt());
        writeLock.lock();
        try {
            Optional<Stored> record = live(sessionKey.get());
            Optional<Stored> activity = live(activityKey.get());
            if (record.isEmpty() || live(callerKey).isEmpty()
                    || activity.map(a -> Activity.isClosed(a.value())).orElse(false)) {
                return CompletableFuture.completedFuture(false);
            }
            Instant current = activity.flatMap(a -> Activity.parse(a.value())).orElse(Instant.EPOCH);
            if (until.isAfter(current)) {
                until = until.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
                entries.put(activityKey.get(), new Stored(Activity.activeUntil(until), record.get().expiresAt()));
                if (routable.slidingTtl().isPresent()) {
                    extend(callerKey, until);
                    extend(counterpartKey, until);
                }
            }
            return CompletableFuture.completedFuture(true);
        } finally {
            writeLock.unlock();
        }
    }

    /** Moves a live entry's expiry to {@code until} when that is later (PEXPIRE of the sliding window). */
    private void extend(String key, Instant until) {
        live(key).filter(s -> s.expiresAt().isBefore(until))
                .ifPresent(s -> entries.replace(key, s, new Stored(s.value(), until)));
    }

    @Override
    public CompletableFuture<Boolean> delete(SessionId id) {
        Optional<String> key = codec.keys().sessionKey(id);
        if (key.isEmpty()) {
            return CompletableFuture.completedFuture(false);
        }
        writeLock.lock();
        try {
            boolean existed = live(key.get()).isPresent();
            current(id).filter(s -> !s.isClosed()).map(codec::keysOf).ifPresent(keys -> keys.forEach(entries::remove));
            entries.remove(key.get());
            codec.keys().activityKey(id).ifPresent(entries::remove);
            return CompletableFuture.completedFuture(existed);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public CompletableFuture<Boolean> ping() {
        return CompletableFuture.completedFuture(true);
    }

    /** Re-seals under the current data key; a value replaced meanwhile is left alone (compare-and-set). */
    @Override
    public CompletableFuture<RewrapReport> rewrap() {
        long scanned = 0;
        long rewrapped = 0;
        for (Map.Entry<String, Stored> e : entries.entrySet()) {
            scanned++;
            Stored old = e.getValue();
            if (!io.maskgate.core.session.codec.RedisKeys.isSealed(e.getKey())) {
                continue;
            }
            Optional<byte[]> resealed = reseal(e.getKey(), old.value());
            if (resealed.isPresent() && entries.replace(e.getKey(), old, new Stored(resealed.get(), old.expiresAt()))) {
                rewrapped++;
            }
        }
        return CompletableFuture.completedFuture(new RewrapReport(scanned, rewrapped, scanned - rewrapped));
    }

    /**
     * Opens every live session record (one AES-GCM open each: fine at quick-start scale, which is
     * what this store is for) and counts sessions and distinct proxy numbers per pool.
     */
    @Override
    public CompletableFuture<Optional<Map<String, PoolUsage>>> poolUsage() {
        Map<String, Long> sessions = new java.util.TreeMap<>();
        Map<String, java.util.Set<PhoneNumber>> numbers = new java.util.HashMap<>();
        Instant now = clock.instant();
        for (String key : entries.keySet()) {
            if (!key.contains(SESSION_KEY_MARK)) {
                continue;
            }
            // closed (or past their active window) records are kept for the closed retention but hold no number
            live(key).flatMap(stored -> open(key, stored))
                    .filter(session -> !session.isClosed() && !session.isExpiredAt(now))
                    .ifPresent(session -> {
                        sessions.merge(session.pool(), 1L, Long::sum);
                        numbers.computeIfAbsent(session.pool(), p -> new java.util.HashSet<>()).add(session.proxyNumber());
                    });
        }
        Map<String, PoolUsage> usage = new java.util.TreeMap<>();
        sessions.forEach((pool, count) -> usage.put(pool, new PoolUsage(count, numbers.get(pool).size())));
        return CompletableFuture.completedFuture(Optional.of(usage));
    }

    private Optional<Session> open(String key, Stored stored) {
        try {
            return Optional.of(codec.openSession(key, stored.value()));
        } catch (UnreadableEntryException e) {
            LOG.warn("Unreadable session record skipped in pool usage: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** Drops every entry past its expiry; returns how many. */
    public int purgeExpired() {
        Instant now = clock.instant();
        int before = entries.size();
        entries.entrySet().removeIf(e -> !now.isBefore(e.getValue().expiresAt()));
        return before - entries.size();
    }

    /** Entries held, expired or not (tests, metrics). */
    public int size() {
        return entries.size();
    }

    @Override
    public void close() {
        entries.clear();
    }

    private Optional<Session> readSession(SessionId id) {
        return codec.keys().sessionKey(id).flatMap(key -> live(key).flatMap(stored -> {
            try {
                return Optional.of(codec.openSession(key, stored.value()));
            } catch (UnreadableEntryException e) {
                LOG.warn("Unreadable session record {}: {}", id, e.getMessage());
                return Optional.empty();
            }
        }));
    }

    /** The entry unless it has expired; an expired one is removed (lazy expiry). */
    private Optional<Stored> live(String key) {
        Stored stored = entries.get(key);
        if (stored == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(stored.expiresAt())) {
            entries.remove(key, stored);
            return Optional.empty();
        }
        return Optional.of(stored);
    }

    private Optional<byte[]> reseal(String key, byte[] value) {
        try {
            return codec.reseal(key, value);
        } catch (UnreadableEntryException e) {
            LOG.warn("Unreadable entry skipped by re-wrap: {}", e.getMessage());
            return Optional.empty();
        }
    }
}
