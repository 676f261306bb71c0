package io.maskgate.sip.trunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TrunkGroupTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private static TrunkOptions trunk(String name, int priority, int weight) {
        return TrunkOptions.builder(name, new InetSocketAddress("127.0.0.1", 5080)).priority(priority).weight(weight)
                .build();
    }

    private TrunkGroup group(TrunkHealthOptions health, TrunkOptions... trunks) {
        return new TrunkGroup(List.of(trunks), health, registry, new Random(7));
    }

    @Test
    void lowerPriorityFirstAndWeightsShareTheFirstPlace() {
        TrunkGroup g = group(TrunkHealthOptions.create(), trunk("c", 20, 1), trunk("a", 10, 3), trunk("b", 10, 1));
        int aFirst = 0;
        for (int i = 0; i < 4000; i++) {
            List<Trunk> order = g.candidates();
            assertEquals(3, order.size());
            assertEquals("c", order.get(2).name());
            aFirst += order.get(0).name().equals("a") ? 1 : 0;
        }
        assertTrue(aFirst > 2800 && aFirst < 3200, "weight 3:1 gave " + aFirst + " of 4000");
    }

    @Test
    void pingsMarkATrunkDownAndUpAgainAndTheGaugeFollows() {
        TrunkHealthOptions health = TrunkHealthOptions.builder().failureThreshold(2).recoveryThreshold(1).build();
        TrunkGroup g = group(health, trunk("a", 10, 1), trunk("b", 20, 1));
        Trunk a = g.trunks().get(0);
        g.pingFailed(a);
        assertEquals(2, g.candidates().size(), "one failure is below the threshold");
        g.pingFailed(a);
        assertEquals(List.of("b"), g.candidates().stream().map(Trunk::name).toList());
        assertEquals(0.0, registry.get(TrunkGroup.TRUNK_UP).tag(TrunkGroup.TAG_TRUNK, "a").gauge().value());
        g.pingSucceeded(a);
        assertEquals("a", g.candidates().get(0).name());
        assertEquals(1.0, registry.get(TrunkGroup.TRUNK_UP).tag(TrunkGroup.TAG_TRUNK, "a").gauge().value());
    }

    @Test
    void noTrunkUpMeansNoCandidate() {
        TrunkHealthOptions health = TrunkHealthOptions.builder().failureThreshold(1).build();
        TrunkGroup g = group(health, trunk("a", 10, 1));
        g.pingFailed(g.trunks().get(0));
        assertTrue(g.candidates().isEmpty());
    }

    @Test
    void aTrunkTakesCallsUpToItsMaxAndAReloadKeepsTheCountOfCallsInProgress() {
        TrunkOptions limited = TrunkOptions.builder("pri", new InetSocketAddress("127.0.0.1", 5080)).maxCalls(2).build();
        TrunkGroup g = group(TrunkHealthOptions.create(), limited);
        Trunk before = g.trunks().get(0);
        assertTrue(before.tryAcquire());
        assertTrue(before.tryAcquire());
        assertFalse(before.tryAcquire(), "a third call on a 2-channel trunk");
        assertTrue(before.atLimit());
        assertEquals(2.0, registry.get(TrunkGroup.TRUNK_CALLS_ACTIVE).tag(TrunkGroup.TAG_TRUNK, "pri").gauge().value());

        g.replace(List.of(TrunkOptions.builder("pri", new InetSocketAddress("127.0.0.1", 5080)).maxCalls(3).build()));
        Trunk after = g.trunks().get(0);
        assertTrue(after.tryAcquire(), "the reload raised the limit to 3");
        assertFalse(after.tryAcquire(), "the two calls placed before the reload still hold their places");
        before.release();
        assertTrue(after.tryAcquire(), "a call placed before the reload gave its place back to the trunk");
        assertEquals(3.0, registry.get(TrunkGroup.TRUNK_CALLS_ACTIVE).tag(TrunkGroup.TAG_TRUNK, "pri").gauge().value());
    }

    @Test
    void aTrunkWithoutALimitIsNeverAtCapacity() {
        TrunkGroup g = group(TrunkHealthOptions.create(), trunk("a", 10, 1));
        Trunk a = g.trunks().get(0);
        for (int i = 0; i < 1000; i++) {
            assertTrue(a.tryAcquire());
        }
        assertFalse(a.atLimit());
    }

    @Test
    void aTrunkTakesNewCallsUpToItsCallsPerSecond() {
        AtomicLong now = new AtomicLong(5_000_000_000L);
        TrunkOptions cps = TrunkOptions.builder("sbc", new InetSocketAddress("127.0.0.1", 5080)).maxCallsPerSecond(2)
                .build();
        TrunkGroup g = new TrunkGroup(List.of(cps), TrunkHealthOptions.create(), registry, new Random(7), now::get);
        Trunk sbc = g.trunks().get(0);
        assertTrue(sbc.tryAcquire());
        assertTrue(sbc.tryAcquire());
        assertFalse(sbc.tryAcquire(), "a third new call within the second");
        assertTrue(sbc.atLimit());
        assertEquals(2.0, registry.get(TrunkGroup.TRUNK_CALLS_ACTIVE).tag(TrunkGroup.TAG_TRUNK, "sbc").gauge().value(),
                "a call refused for the rate holds no place");
        now.addAndGet(500_000_000L);
        assertFalse(sbc.atLimit(), "half a second later one more call may start");
        assertTrue(sbc.tryAcquire());
        assertFalse(sbc.tryAcquire());
    }

    @Test
    void badConfIsRefused() {
        InetSocketAddress addr = new InetSocketAddress("127.0.0.1", 5080);
        assertThrows(IllegalArgumentException.class, () -> TrunkOptions.builder("bad name", addr));
        assertThrows(IllegalArgumentException.class, () -> TrunkOptions.builder("a", addr).weight(0));
        assertThrows(IllegalArgumentException.class, () -> TrunkOptions.builder("a", addr).priority(-1));
        assertThrows(IllegalArgumentException.class, () -> TrunkOptions.builder("a", addr).maxCalls(-1));
        assertThrows(IllegalArgumentException.class, () -> TrunkOptions.builder("a", addr).maxCallsPerSecond(-1));
        assertThrows(IllegalArgumentException.class,
                () -> TrunkOptions.builder("a", InetSocketAddress.createUnresolved("carrier.example", 5060)));
        assertThrows(IllegalArgumentException.class, () -> group(TrunkHealthOptions.create(), trunk("a", 1, 1),
                trunk("a", 2, 1)));
        assertThrows(IllegalArgumentException.class,
                () -> TrunkHealthOptions.builder().pingInterval(java.time.Duration.ofMillis(5)));
    }
}
