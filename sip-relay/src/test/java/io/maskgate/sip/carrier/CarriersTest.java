package io.maskgate.sip.carrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CarriersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void anInviteBelongsToTheFirstCarrierWhoseBlocksHoldItsSource() throws Exception {
        Carriers carriers = new Carriers(List.of(
                carrier("narrow", "10.1.2.0/24", 0, 0),
                carrier("wide", "10.0.0.0/8", 0, 0),
                carrier("v6", "2001:db8::/32", 0, 0)), registry, nanos::get);
        assertEquals("narrow", nameOf(carriers, "10.1.2.9"));
        assertEquals("wide", nameOf(carriers, "10.1.3.9"));
        assertEquals("wide", nameOf(carriers, "::ffff:10.9.9.9"), "an IPv4-mapped source is its IPv4 address");
        assertEquals("v6", nameOf(carriers, "2001:db8::5"));
        assertEquals(Optional.empty(), carriers.of(InetAddress.getByName("192.0.2.1")), "inside the ACL, unnamed");
    }

    @Test
    void aCarrierAtItsMaxCallsIsRefusedUntilACallEnds() throws Exception {
        Carrier a = new Carriers(List.of(carrier("a", "10.0.0.0/8", 2, 0)), registry, nanos::get)
                .of(InetAddress.getByName("10.0.0.1")).orElseThrow();
        assertTrue(a.tryAdmit());
        assertTrue(a.tryAdmit());
        assertFalse(a.tryAdmit());
        a.release();
        assertTrue(a.tryAdmit());
        assertEquals(3.0, counter("a", "admitted"));
        assertEquals(1.0, counter("a", "limited"));
        assertEquals(2.0, active("a"));
    }

    @Test
    void aCarrierGetsItsCallsPerSecondWithABurstOfOneSecond() throws Exception {
        Carrier a = new Carriers(List.of(carrier("a", "10.0.0.0/8", 0, 2)), registry, nanos::get)
                .of(InetAddress.getByName("10.0.0.1")).orElseThrow();
        assertTrue(a.tryAdmit());
        assertTrue(a.tryAdmit());
        assertFalse(a.tryAdmit(), "a refused call holds no place");
        assertEquals(2.0, active("a"));
        nanos.addAndGet(500_000_000L);
        assertTrue(a.tryAdmit(), "half a second later, one more");
        assertFalse(a.tryAdmit());
    }

    /** A reload keeps the places of calls in progress: they end after it and give their place back to the new limit. */
    @Test
    void aReloadKeepsTheCallsInProgressAndAppliesTheNewLimit() throws Exception {
        Carriers carriers = new Carriers(List.of(carrier("a", "10.0.0.0/8", 1, 0)), registry, nanos::get);
        Carrier before = carriers.of(InetAddress.getByName("10.0.0.1")).orElseThrow();
        assertTrue(before.tryAdmit());

        carriers.replace(List.of(carrier("a", "10.0.0.0/8", 2, 0), carrier("b", "192.0.2.0/24", 0, 0)));
        Carrier after = carriers.of(InetAddress.getByName("10.0.0.1")).orElseThrow();
        assertTrue(after.tryAdmit(), "room for a second under the new limit");
        assertFalse(after.tryAdmit(), "the call admitted before the reload still counts");
        before.release();
        assertTrue(after.tryAdmit());
        assertEquals(2.0, active("a"));
        assertEquals(0.0, active("b"), "a new carrier's meters are there from the reload on");

        carriers.replace(List.of());
        assertEquals(Optional.empty(), carriers.of(InetAddress.getByName("10.0.0.1")));
        assertEquals(2.0, active("a"), "calls of a carrier no longer named keep their count until they end");
    }

    @Test
    void optionsRefuseWhatCannotBeMatchedOrCounted() {
        List<Cidr> block = List.of(Cidr.parse("10.0.0.0/8"));
        assertThrows(IllegalArgumentException.class, () -> new CarrierOptions("a", List.of(), 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new CarrierOptions("a b", block, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new CarrierOptions("a", block, -1, 0));
    }

    private CarrierOptions carrier(String name, String block, int maxCalls, int cps) {
        return new CarrierOptions(name, List.of(Cidr.parse(block)), maxCalls, cps);
    }

    private static String nameOf(Carriers carriers, String source) throws Exception {
        return carriers.of(InetAddress.getByName(source)).map(Carrier::name).orElse("none");
    }

    private double counter(String carrier, String result) {
        return registry.get(Carriers.CARRIER_CALLS).tag(Carriers.TAG_CARRIER, carrier).tag(Carriers.TAG_RESULT, result)
                .counter().count();
    }

    private double active(String carrier) {
        return registry.get(Carriers.CARRIER_CALLS_ACTIVE).tag(Carriers.TAG_CARRIER, carrier).gauge().value();
    }
}
