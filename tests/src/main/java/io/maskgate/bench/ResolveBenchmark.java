package io.maskgate.bench;

import io.maskgate.core.number.PhoneNumber;
import io.maskgate.core.pool.NumberPool;
import io.maskgate.core.pool.NumberPools;
import io.maskgate.core.session.Participant;
import io.maskgate.core.session.Resolution;
import io.maskgate.core.session.Session;
import io.maskgate.core.session.SessionRequest;
import io.maskgate.core.session.redis.RedisSessionStore;
import io.maskgate.core.session.redis.RedisStoreOptions;
import io.maskgate.keystore.KeyRing;
import io.maskgate.testing.RedisServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code RedisSessionStore.resolve()} against a real redis-server on 127.0.0.1 (started here on a
 * free port, like the test fixture), one lettuce connection, with {@code inFlight} resolves
 * outstanding at a time: the cost of the session lookup on every INVITE and submit_sm.
 *
 * <p>Each invocation issues a batch of {@value #BATCH} resolves keeping at most {@code inFlight}
 * outstanding, and records every resolve's own latency (issue -> completion) into a histogram
 * whose median and p99 are printed at the end of each iteration, next to JMH's throughput.
 * The throughput counts completed resolves per second. Every answer is checked to be Routable,
 * so a misconfigured run cannot report the speed of errors.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class ResolveBenchmark {
    static final int BATCH = 1024;
    private static final int SESSIONS = 2_000;

    @Param({"16", "64", "128"})
    public int inFlight;

    private RedisServer redis;
    private RedisSessionStore store;
    private io.lettuce.core.RedisClient rawClient;
    private io.lettuce.core.api.StatefulRedisConnection<String, byte[]> raw;
    private final List<String> rawKeys = new ArrayList<>();
    private final List<PhoneNumber[]> pairs = new ArrayList<>();
    private final Histogram latencies = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(10), 3);

    @Setup(Level.Trial)
    public void setUp() {
        redis = RedisServer.startNew();
        NumberPool pool = new NumberPool("bench",
                NumberPool.range(PhoneNumber.ofE164("+918000000000"), PhoneNumber.ofE164("+918000000999")));
        store = RedisSessionStore.create(
                RedisStoreOptions.builder().uri(redis.uri()).commandTimeout(Duration.ofSeconds(1)).build(),
                NumberPools.of(pool), KeyRing.forTesting(new SecureRandom()), Clock.systemUTC(),
                new SimpleMeterRegistry());
        awaitReady();
        for (int i = 0; i < SESSIONS; i++) {
            Participant a = new Participant("cust-" + i, PhoneNumber.ofE164("+9198" + String.format("%08d", i)));
            Participant b = new Participant("rider-" + i, PhoneNumber.ofE164("+9197" + String.format("%08d", i)));
            Session s = store.create(new SessionRequest("delivery", Duration.ofHours(2), "order-" + i, "bench", a, b))
                    .join();
            pairs.add(new PhoneNumber[] {s.proxyNumber(), a.number()});
            pairs.add(new PhoneNumber[] {s.proxyNumber(), b.number()});
        }
        // Baseline in the same run: a bare lettuce GET of a value of the same size, one connection,
        // no HMAC, no decryption, no fail-closed options.
        rawClient = io.lettuce.core.RedisClient.create(redis.uri());
        raw = rawClient.connect(io.lettuce.core.codec.RedisCodec.of(
                io.lettuce.core.codec.StringCodec.UTF8, io.lettuce.core.codec.ByteArrayCodec.INSTANCE));
        for (int i = 0; i < pairs.size(); i++) {
            String key = "bench:raw:" + i;
            raw.sync().set(key, new byte[120]);
            rawKeys.add(key);
        }
    }

    /** The store connects in the background (it must start while Redis is down); wait, bounded, until it answers. */
    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!store.ping().join()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("redis store not ready after 15 s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    @TearDown(Level.Iteration)
    public void printLatencies() {
        System.out.printf("%n  latency inFlight=%d: median %.1f us, p99 %.1f us, max %.1f us (n=%d)%n",
                inFlight, latencies.getValueAtPercentile(50) / 1e3, latencies.getValueAtPercentile(99) / 1e3,
                latencies.getMaxValue() / 1e3, latencies.getTotalCount());
        latencies.reset();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        raw.close();
        rawClient.shutdown();
        store.close();
        redis.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void resolveBatch() throws Exception {
        java.util.concurrent.Semaphore window = new java.util.concurrent.Semaphore(inFlight);
        CompletableFuture<?>[] all = new CompletableFuture<?>[BATCH];
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < BATCH; i++) {
            window.acquire();
            PhoneNumber[] pair = pairs.get(random.nextInt(pairs.size()));
            long start = System.nanoTime();
            all[i] = store.resolve(pair[0], pair[1]).whenComplete((resolution, error) -> {
                latencies.recordValue(Math.min(System.nanoTime() - start, latencies.getHighestTrackableValue()));
                window.release();
                if (!(resolution instanceof Resolution.Routable)) {
                    throw new IllegalStateException("benchmark resolve did not route: " + resolution);
                }
            });
        }
        CompletableFuture.allOf(all).get(30, TimeUnit.SECONDS);
    }

    /** The baseline: the same batch and window as {@link #resolveBatch} with a bare lettuce GET. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void rawGetBatch() throws Exception {
        java.util.concurrent.Semaphore window = new java.util.concurrent.Semaphore(inFlight);
        CompletableFuture<?>[] all = new CompletableFuture<?>[BATCH];
        ThreadLocalRandom random = ThreadLocalRandom.current();
        io.lettuce.core.api.async.RedisAsyncCommands<String, byte[]> async = raw.async();
        for (int i = 0; i < BATCH; i++) {
            window.acquire();
            String key = rawKeys.get(random.nextInt(rawKeys.size()));
            long start = System.nanoTime();
            all[i] = async.get(key).toCompletableFuture().whenComplete((value, error) -> {
                latencies.recordValue(Math.min(System.nanoTime() - start, latencies.getHighestTrackableValue()));
                window.release();
                if (value == null) {
                    throw new IllegalStateException("baseline GET found no value");
                }
            });
        }
        CompletableFuture.allOf(all).get(30, TimeUnit.SECONDS);
    }
}
