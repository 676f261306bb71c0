package io.maskgate.sip.trunk;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbound trunks and the order to try them in for one call: trunks that are up, lowest
 * priority first, and within one priority a weighted random order (RFC 2782's selection: each
 * pick takes a trunk with probability weight / sum of the remaining weights). A call fails over
 * along this list (timeout, transport error or 503 before any 1xx beyond 100); when no trunk is
 * up the list is empty and the call gets 503.
 *
 * <p>The list is replaced as a whole on a conf reload ({@link #replace(List)}): a call reads it
 * once when it is routed, so calls in progress keep the trunks they were given.
 *
 * <p>Exports {@code maskgate_sip_trunk_up{trunk}} (1 up, 0 down) and
 * {@code maskgate_sip_trunk_attempts_total{trunk,result}} and {@code maskgate_sip_trunk_calls_active{trunk}}.
 * Thread-safe.
 */
public final class TrunkGroup {

    /** Gauge: 1 when the trunk is up, 0 when its pings failed; tag {@link #TAG_TRUNK}. */
    public static final String TRUNK_UP = "maskgate_sip_trunk_up";
    /**
     * Counter: INVITEs sent to the trunk by how they ended; tags {@link #TAG_TRUNK} and
     * {@link #TAG_RESULT} ({@link TrunkAttemptResult}). Answered over all is the trunk's ASR.
     */
    public static final String TRUNK_ATTEMPTS = "maskgate_sip_trunk_attempts_total";
    /** Gauge: calls holding one of the trunk's places, answered or not ({@link TrunkOptions#maxCalls()}). */
    public static final String TRUNK_CALLS_ACTIVE = "maskgate_sip_trunk_calls_active";
    /** The trunk's name from conf. */
    public static final String TAG_TRUNK = "trunk";
    /** See {@link TrunkAttemptResult#tag()}. */
    public static final String TAG_RESULT = "result";

    private static final Logger log = LoggerFactory.getLogger(TrunkGroup.class);

    private final TrunkHealthOptions health;
    private final MeterRegistry registry;
    private final RandomGenerator random;
    private final LongSupplier nanoTime;
    private final Map<String, Gauge> gauges = new HashMap<>();
    /** By trunk name; a trunk removed by a reload keeps its entry while its calls end. */
    private final Map<String, TrunkMeters> meters = new HashMap<>();
    private volatile List<Trunk> trunks = List.of();

    public TrunkGroup(List<TrunkOptions> trunks, TrunkHealthOptions health, MeterRegistry registry,
            RandomGenerator random) {
        this(trunks, health, registry, random, System::nanoTime);
    }

    /** @param nanoTime the clock of the trunks' CPS limits */
    TrunkGroup(List<TrunkOptions> trunks, TrunkHealthOptions health, MeterRegistry registry, RandomGenerator random,
            LongSupplier nanoTime) {
        this.health = Objects.requireNonNull(health, "health");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.random = Objects.requireNonNull(random, "random");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        replace(trunks);
    }

    /**
     * Swaps in a new trunk list at once (conf reload). A trunk whose name and destination stay
     * keeps its up/down state (its pings said so); a new or moved one starts up, like at start.
     *
     * @throws IllegalArgumentException when two trunks share a name; nothing changes then
     */
    public synchronized void replace(List<TrunkOptions> next) {
        Objects.requireNonNull(next, "next");
        Map<String, Trunk> before = new HashMap<>();
        trunks.forEach(t -> before.put(t.name(), t));
        Set<String> names = new HashSet<>();
        List<Trunk> list = new ArrayList<>();
        for (TrunkOptions t : next) {
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("two trunks are named " + t.name());
            }
            Trunk old = before.get(t.name());
            list.add(new Trunk(t, health, old == null || !old.sameDestination(t) || old.isUp(), meters(t.name()),
                    nanoTime));
        }
        this.trunks = List.copyOf(list);
        for (String name : names) {
            gauges.computeIfAbsent(name, n -> Gauge.builder(TRUNK_UP, this, g -> g.isUp(n) ? 1 : 0)
                    .tag(TAG_TRUNK, n).register(registry));
        }
        gauges.keySet().removeIf(name -> {
            if (names.contains(name)) {
                return false;
            }
            registry.remove(gauges.get(name));
            return true;
        });
    }

    /**
     * The meters of a trunk name, made once and kept across reloads: every attempt series at once,
     * so that a dashboard shows a trunk's zeros, and the calls holding its places.
     */
    private TrunkMeters meters(String trunk) {
        return meters.computeIfAbsent(trunk, name -> {
            Map<TrunkAttemptResult, Counter> counters = new EnumMap<>(TrunkAttemptResult.class);
            for (TrunkAttemptResult r : TrunkAttemptResult.values()) {
                counters.put(r, registry.counter(TRUNK_ATTEMPTS, TAG_TRUNK, name, TAG_RESULT, r.tag()));
            }
            AtomicInteger active = new AtomicInteger();
            Gauge.builder(TRUNK_CALLS_ACTIVE, active, AtomicInteger::get).tag(TAG_TRUNK, name).register(registry);
            return new TrunkMeters(counters, active);
        });
    }

    private boolean isUp(String name) {
        return trunks.stream().anyMatch(t -> t.name().equals(name) && t.isUp());
    }

    public List<Trunk> trunks() {
        return trunks;
    }

    /** The trunks to try for one call, in order; empty when none is up. */
    public List<Trunk> candidates() {
        List<Trunk> current = trunks;
        TreeMap<Integer, List<Trunk>> byPriority = new TreeMap<>();
        for (Trunk t : current) {
            if (t.isUp()) {
                byPriority.computeIfAbsent(t.options().priority(), p -> new ArrayList<>()).add(t);
            }
        }
        List<Trunk> out = new ArrayList<>(current.size());
        byPriority.values().forEach(group -> out.addAll(weightedOrder(group)));
        return out;
    }

    private List<Trunk> weightedOrder(List<Trunk> group) {
        if (group.size() == 1) {
            return group;
        }
        List<Trunk> left = new ArrayList<>(group);
        left.sort(Comparator.comparing(Trunk::name));
        List<Trunk> out = new ArrayList<>(group.size());
        while (!left.isEmpty()) {
            int sum = left.stream().mapToInt(t -> t.options().weight()).sum();
            int pick = random.nextInt(sum);
            for (int i = 0; i < left.size(); i++) {
                pick -= left.get(i).options().weight();
                if (pick < 0) {
                    out.add(left.remove(i));
                    break;
                }
            }
        }
        return out;
    }

    /** A ping to {@code trunk} was answered (any response proves the peer alive, see {@link TrunkHealthOptions}). */
    public void pingSucceeded(Trunk trunk) {
        if (trunk.record(true)) {
            log.info("trunk {} is up again", trunk.name());
        }
    }

    /** A ping to {@code trunk} timed out or could not be sent. */
    public void pingFailed(Trunk trunk) {
        if (trunk.record(false)) {
            log.warn("trunk {} is down: no answer to OPTIONS", trunk.name());
        }
    }

    @Override
    public String toString() {
        return "TrunkGroup" + trunks;
    }
}
