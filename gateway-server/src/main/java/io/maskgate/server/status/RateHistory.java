package io.maskgate.server.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The recent history of a few monotonic counters (decisions per channel, refusals per reason),
 * kept in memory for the status page: every {@link #sample()} (a timer calls it each
 * {@code interval}) stores the counters' totals at that instant in a ring of
 * {@code window / interval + 1} snapshots, so consecutive snapshots give the per-interval deltas
 * and the oldest one the baseline of the window. Time comes from the injected clock only: tests
 * advance a clock instead of sleeping.
 *
 * <p>Counters only grow; a series that shrank (a meter re-registered) counts as no change, and a
 * series absent from a snapshot counts as 0 there (a meter registered late).
 */
public final class RateHistory {

    /** Default sampling interval: 10 s, a Prometheus-like resolution for a glance. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    /** Default window: the last 15 minutes. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);

    private record Snapshot(Instant at, Map<String, Double> totals) {
        double get(String series) {
            return totals.getOrDefault(series, 0.0);
        }
    }

    private final Clock clock;
    private final Duration interval;
    private final Duration window;
    private final int capacity;
    private final Supplier<Map<String, Double>> counters;
    private final Deque<Snapshot> ring = new ArrayDeque<>();

    /**
     * @param interval how often {@link #sample()} is called; positive
     * @param window   how far back the history reaches; a whole multiple of {@code interval}
     * @param counters the current total of every series, by name; called on every sample and read
     */
    public RateHistory(Clock clock, Duration interval, Duration window, Supplier<Map<String, Double>> counters) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.window = Objects.requireNonNull(window, "window");
        this.counters = Objects.requireNonNull(counters, "counters");
        if (interval.isNegative() || interval.isZero() || window.compareTo(interval) < 0
                || window.toMillis() % interval.toMillis() != 0) {
            throw new IllegalArgumentException("window must be a positive whole multiple of interval");
        }
        this.capacity = (int) (window.toMillis() / interval.toMillis()) + 1;
    }

    public Duration interval() {
        return interval;
    }

    public Duration window() {
        return window;
    }

    /** Stores the counters' totals now; drops the snapshot that falls out of the window. */
    public void sample() {
        Snapshot s = new Snapshot(clock.instant(), Map.copyOf(counters.get()));
        synchronized (ring) {
            ring.addLast(s);
            while (ring.size() > capacity) {
                ring.removeFirst();
            }
        }
    }

    /**
     * Per-second rate of {@code series} in each sampled interval, oldest first (at most
     * {@code window / interval} values; none before the second sample).
     */
    public List<Double> perSecond(String series) {
        List<Snapshot> snapshots = snapshots();
        List<Double> rates = new ArrayList<>(Math.max(0, snapshots.size() - 1));
        for (int i = 1; i < snapshots.size(); i++) {
            rates.add(rate(snapshots.get(i - 1), snapshots.get(i), series));
        }
        return rates;
    }

    /** The rate of {@code series} in the latest sampled interval, 0 before there is one. */
    public double latestPerSecond(String series) {
        List<Double> rates = perSecond(series);
        return rates.isEmpty() ? 0.0 : rates.get(rates.size() - 1);
    }

    /**
     * How much every series whose name starts with {@code prefix} grew since the oldest snapshot
     * (at most the window ago) up to the counters' totals now, by the rest of its name; series that
     * did not grow are left out. Before the first sample the baseline is 0 (counters start at 0).
     */
    public Map<String, Long> increasesSinceWindowStart(String prefix) {
        Map<String, Double> now = counters.get();
        List<Snapshot> snapshots = snapshots();
        Snapshot oldest = snapshots.isEmpty() ? new Snapshot(clock.instant(), Map.of()) : snapshots.get(0);
        Map<String, Long> out = new TreeMap<>();
        now.forEach((series, total) -> {
            if (series.startsWith(prefix)) {
                long increase = Math.round(Math.max(0.0, total - oldest.get(series)));
                if (increase > 0) {
                    out.put(series.substring(prefix.length()), increase);
                }
            }
        });
        return out;
    }

    private List<Snapshot> snapshots() {
        synchronized (ring) {
            return new ArrayList<>(ring);
        }
    }

    private static double rate(Snapshot from, Snapshot to, String series) {
        long millis = Duration.between(from.at(), to.at()).toMillis();
        if (millis <= 0) {
            return 0.0;
        }
        return Math.max(0.0, to.get(series) - from.get(series)) * 1000.0 / millis;
    }

    @Override
    public String toString() {
        int size;
        synchronized (ring) {
            size = ring.size();
        }
        return "RateHistory[interval=" + interval + ", window=" + window + ", snapshots=" + size + "]";
    }
}
