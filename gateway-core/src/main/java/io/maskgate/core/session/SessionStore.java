package io.maskgate.core.session;

import io.maskgate.core.number.PhoneNumber;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The encrypted session map: proxy number + caller -> counterpart, per session, with a TTL.
 *
 * <p>Every method is asynchronous and bounded in time by the store's configured timeout.
 * Failures of the store itself complete futures exceptionally with {@link StoreUnavailableException};
 * {@link #resolve} instead answers {@link Resolution.Unavailable}, so that the routing path never
 * has to remember to catch. No implementation may ever put a real number into a key, a log line
 * or an exception message.
 */
public interface SessionStore extends AutoCloseable {

    /**
     * Allocates a proxy number from the request's pool that neither participant uses in another
     * live session, and writes the session and both routing entries atomically.
     *
     * <p>Completes exceptionally with {@link PoolExhaustedException} when no number of the pool is
     * free for these two participants, {@link UnknownPoolException} for a pool not in conf, and
     * {@link StoreUnavailableException} when the store does not answer.
     */
    CompletableFuture<Session> create(SessionRequest request);

    /** Who does {@code caller} reach by dialling {@code proxyNumber}? Never completes exceptionally. */
    CompletableFuture<Resolution> resolve(PhoneNumber proxyNumber, PhoneNumber caller);

    /**
     * The session as it stands now: open, in progress, or closed (a closed record, or one whose
     * window ended, which shows as closed with reason {@code expired}) for the closed-retention
     * period after it closed. Empty when unknown, deleted, or past that period.
     */
    CompletableFuture<Optional<Session>> find(SessionId id);

    /**
     * Closes the session: both routing entries go at once (nothing resolves afterwards), the record
     * stays, marked closed with {@code reason}, for {@link #DEFAULT_CLOSED_RETENTION the closed
     * retention}. Answers the closed session; one already closed (or expired) is answered as it is,
     * with its first reason. Empty when unknown.
     */
    CompletableFuture<Optional<Session>> close(SessionId id, CloseReason reason);

    /**
     * Records a routed interaction: the session becomes in progress and, with a sliding window,
     * its routing entries and window are extended to {@code min(now + slidingTtl, expiresAt)}.
     * Idempotent and monotonic (never shortens); does nothing for a closed session. True when
     * recorded. The router calls it after its decision, off the signalling path.
     */
    CompletableFuture<Boolean> touch(PhoneNumber proxyNumber, PhoneNumber caller, Resolution.Routable routable);

    /**
     * Deletes the session record and both routing entries outright (erasure); true when it existed.
     * Resolve fails at once afterwards. Publishes no close: use {@link #close} for that.
     */
    CompletableFuture<Boolean> delete(SessionId id);

    /** How long a closed record is kept when the store is not told otherwise. */
    Duration DEFAULT_CLOSED_RETENTION = Duration.ofDays(7);

    /** True when the store answers now (readiness probe). Never completes exceptionally. */
    CompletableFuture<Boolean> ping();

    /**
     * Re-encrypts every entry sealed under an older data key with the current one (key rotation).
     * Entries written concurrently are not overwritten.
     */
    CompletableFuture<RewrapReport> rewrap();

    /**
     * Live sessions and distinct proxy numbers in use, by pool name (pools without a live session
     * are absent), when this store can count them without walking a shared keyspace; empty when it
     * cannot (the Redis store: counting would mean a SCAN of every key). Never completes exceptionally.
     */
    default CompletableFuture<Optional<java.util.Map<String, PoolUsage>>> poolUsage() {
        return CompletableFuture.completedFuture(Optional.empty());
    }

    /** Releases connections and threads. */
    @Override
    void close();

    /** What a re-wrap pass did. */
    record RewrapReport(long scanned, long rewrapped, long skipped) {}

    /** One pool's usage: live sessions, and how many of its numbers at least one of them holds. */
    record PoolUsage(long sessions, long numbersInUse) {}
}
