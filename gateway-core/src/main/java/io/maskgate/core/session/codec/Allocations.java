package io.maskgate.core.session.codec;

import io.maskgate.core.number.PhoneNumber;
import io.maskgate.core.pool.NumberPool;
import io.maskgate.core.session.Session;
import io.maskgate.core.session.SessionRequest;
import io.maskgate.core.session.SessionStatus;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * Turns a {@link SessionRequest} into the candidate sessions a store tries to write, one per pool
 * number, in a random order. Shared by every store so that allocation order, ids and timestamps
 * follow one rule.
 *
 * <p>The order is a random full cycle over the pool ({@code start + i * stride mod n} with
 * {@code gcd(stride, n) = 1}): every number is tried at most once, two nodes creating at the same
 * instant rarely start at the same number, and no per-request array of the pool is built.
 */
public final class Allocations {

    private final SessionCodec codec;
    private final Clock clock;
    private final Random random;

    public Allocations(SessionCodec codec, Clock clock, Random random) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    public Allocations(SessionCodec codec, Clock clock) {
        this(codec, clock, new SecureRandom());
    }

    /**
     * One number of the pool, the session it would hold, and its sealed entries.
     *
     * @param ttl how long the routing entries live: the first active window
     * @param recordTtl how long the session record lives: to the absolute expiry plus the closed
     *     retention, so that GET still answers "closed, expired" after the session ran out
     */
    public record Candidate(Session session, SessionEntries entries, Duration ttl, Duration recordTtl) {}

    /**
     * Candidates for {@code request} over {@code pool}, lazily: the entries of a candidate are only
     * sealed when it is reached, since their associated data depends on the number. Timestamps come
     * from the clock once per request, truncated to milliseconds (the stored precision).
     */
    public Iterator<Candidate> candidates(SessionRequest request, NumberPool pool, Duration closedRetention) {
        Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Duration lifetime = Duration.ofMillis(Math.max(1, request.ttl().toMillis()));
        Instant expiresAt = createdAt.plus(lifetime);
        Optional<Duration> sliding = request.slidingTtl().map(d -> Duration.ofMillis(d.toMillis()));
        Instant activeUntil = Session.initialActiveUntil(createdAt, expiresAt, sliding);
        Duration ttl = Duration.between(createdAt, activeUntil);
        Duration recordTtl = lifetime.plus(closedRetention);
        Iterator<PhoneNumber> order = randomCycle(pool);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return order.hasNext();
            }

            @Override
            public Candidate next() {
                PhoneNumber proxy = order.next();
                Session session = new Session(codec.keys().newSessionId(proxy, random), request.purpose(),
                        request.a(), request.b(), proxy, request.pool(), createdAt, expiresAt, request.reference(),
                        request.mode(), sliding, activeUntil, SessionStatus.OPEN, Optional.empty());
                return new Candidate(session, codec.seal(session), ttl, recordTtl);
            }
        };
    }

    private Iterator<PhoneNumber> randomCycle(NumberPool pool) {
        int n = pool.size();
        int start = n == 0 ? 0 : random.nextInt(n);
        int stride = n <= 1 ? 1 : coprimeStride(n);
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < n;
            }

            @Override
            public PhoneNumber next() {
                if (i >= n) {
                    throw new NoSuchElementException();
                }
                int index = (int) ((start + (long) i * stride) % n);
                i++;
                return pool.numbers().get(index);
            }
        };
    }

    private int coprimeStride(int n) {
        BigInteger big = BigInteger.valueOf(n);
        while (true) {
            int stride = 1 + random.nextInt(n - 1);
            if (big.gcd(BigInteger.valueOf(stride)).intValue() == 1) {
                return stride;
            }
        }
    }
}
