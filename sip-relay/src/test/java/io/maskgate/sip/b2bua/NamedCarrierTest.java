package io.maskgate.sip.b2bua;

import static io.maskgate.sip.b2bua.RelayFixture.CALLER;
import static io.maskgate.sip.b2bua.RelayFixture.PROXY;
import static io.maskgate.sip.b2bua.RelayFixture.awaitCalls;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.core.events.EventFields;
import io.maskgate.core.events.EventType;
import io.maskgate.core.events.InteractionEvent;
import io.maskgate.sip.carrier.CarrierOptions;
import io.maskgate.sip.carrier.Carriers;
import io.maskgate.sip.carrier.Cidr;
import io.maskgate.testing.RecordingEventPublisher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A named carrier ({@code sip.carriers}) on a real relay: its limits (calls at once and new calls a
 * second, refused with 503 and Retry-After before the session lookup, nothing sent to a trunk), its
 * own trust in P-Asserted-Identity, and its name on the call events.
 */
class NamedCarrierTest {

    private static final List<Cidr> LOOPBACK = List.of(Cidr.parse("127.0.0.0/8"));

    @Test
    void aCarrierWithEveryCallItBoughtInUseGets503AndTheTrunkNothing() {
        try (RelayFixture f = new RelayFixture(withCarrier(1, 0));
                ScriptedUdp carrier = new ScriptedUdp(0, 5000)) {
            try (ScriptedUdp callee = new ScriptedUdp(f.trunkPort, 1500)) {
                carrier.send(invite(carrier, f, "cl-1"), f.udpPort());
                String toCallee = callee.receiveStarting("INVITE").orElseThrow();
                callee.send(ScriptedUdp.response(toCallee, 200, "OK", "t1"), f.udpPort());
                carrier.receiveStarting("SIP/2.0 200").orElseThrow();

                carrier.send(invite(carrier, f, "cl-2"), f.udpPort());
                String refused = carrier.receiveStarting("SIP/2.0 503").orElseThrow();
                assertTrue(refused.contains("Retry-After: "), refused);
                awaitCalls(f, CallOutcome.REFUSED_CARRIER_LIMIT);
                assertTrue(callee.receive().filter(m -> m.startsWith("INVITE")).isEmpty(),
                        "the refused call reached the trunk");
            }
            assertEquals(1.0, carrierCalls(f, "admitted"));
            assertEquals(1.0, carrierCalls(f, "limited"));
            assertEquals(1.0, carrierEnded(f, CallOutcome.REFUSED_CARRIER_LIMIT));
            assertEquals(1.0, carrierEnded(f, CallOutcome.CONNECTED));
            assertEquals(1.0, active(f), "the answered call holds its place");
        }
    }

    /** The CPS limit counts new calls, not calls up: the second call in the same second is refused. */
    @Test
    void aCarrierOverItsCallsPerSecondGets503() {
        try (RelayFixture f = new RelayFixture(withCarrier(0, 1));
                ScriptedUdp callee = new ScriptedUdp(f.trunkPort, 5000);
                ScriptedUdp carrier = new ScriptedUdp(0, 5000)) {
            carrier.send(invite(carrier, f, "cps-1"), f.udpPort());
            String toCallee = callee.receiveStarting("INVITE").orElseThrow();
            callee.send(ScriptedUdp.response(toCallee, 486, "Busy Here", "t1"), f.udpPort());
            carrier.receiveStarting("SIP/2.0 486").orElseThrow();

            carrier.send(invite(carrier, f, "cps-2"), f.udpPort());
            carrier.receiveStarting("SIP/2.0 503").orElseThrow();
            awaitCalls(f, CallOutcome.REFUSED_CARRIER_LIMIT);
            assertEquals(0.0, active(f), "the busy call gave its place back");
        }
    }

    /**
     * A busy call, a refused one (no session) and answered ones all give their place back: calls in
     * turn on one channel all get through.
     */
    @Test
    void aCallGivesItsCarrierPlaceBackWhenItEnds(@TempDir Path dir) {
        try (RelayFixture f = new RelayFixture(withCarrier(1, 0))) {
            try (ScriptedUdp callee = new ScriptedUdp(f.trunkPort, 5000);
                    ScriptedUdp carrier = new ScriptedUdp(0, 5000)) {
                carrier.send(invite(carrier, f, "busy-1"), f.udpPort());
                String toCallee = callee.receiveStarting("INVITE").orElseThrow();
                callee.send(ScriptedUdp.response(toCallee, 486, "Busy Here", "t1"), f.udpPort());
                carrier.receiveStarting("SIP/2.0 486").orElseThrow();
                // the 486's ACK from the caller is not needed: the place goes back with the final answer
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> active(f) == 0.0);

                carrier.send(ScriptedUdp.invite(carrier.port(), f.udpPort(), "stranger-1", "z9hG4bK-stranger-1",
                        PROXY.e164(), RelayFixture.STRANGER.e164()), f.udpPort());
                carrier.receiveStarting("SIP/2.0 404").orElseThrow();
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> active(f) == 0.0);
            }
            for (int call = 1; call <= 2; call++) {
                f.callWithSipp(dir.resolve(Integer.toString(call)), call);
                assertEquals(0.0, active(f), "the answered call gave its place back");
            }
            assertEquals(4.0, carrierCalls(f, "admitted"));
            assertEquals(0.0, carrierCalls(f, "limited"));
            // how the carrier's calls ended: its answer-seizure ratio and refusal reasons
            assertEquals(1.0, carrierEnded(f, CallOutcome.FAILED_BUSY));
            assertEquals(1.0, carrierEnded(f, CallOutcome.REFUSED_NO_SESSION));
            assertEquals(2.0, carrierEnded(f, CallOutcome.CONNECTED));
        }
    }

    /** Billing is reconciled per interconnect: an answered call's events name the carrier and the trunk. */
    @Test
    void anAnsweredCallsEventsNameItsCarrierAndTrunk(@TempDir Path dir) {
        List<InteractionEvent> events = new CopyOnWriteArrayList<>();
        try (RelayFixture f = RelayFixture.withEvents(withCarrier(0, 0), new RecordingEventPublisher(events))) {
            f.callWithSipp(dir, 1);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 2);
        }
        for (InteractionEvent e : events) {
            assertEquals("carrier-a", EventFields.of(e).get(EventFields.CARRIER), e.toString());
            assertEquals("callee-trunk", EventFields.of(e).get(EventFields.TRUNK), e.toString());
        }
        assertEquals(List.of(EventType.CALL_CONNECTED, EventType.CALL_ENDED),
                events.stream().map(InteractionEvent::type).toList());
    }

    /**
     * The relay trusts P-Asserted-Identity; this carrier is set not to: its caller is From, so an
     * asserted session participant does not open the session to a caller who is not one.
     */
    @Test
    void aCarrierNotTrustedForAssertedIdentityIsTakenAtItsFrom() {
        String spoofed = "From: <sip:" + RelayFixture.STRANGER.e164() + "@127.0.0.1>;tag=carrier-1\n";
        for (boolean trusted : new boolean[] {true, false}) {
            B2buaOptions options = B2buaOptions.builder().trustedCarriers(LOOPBACK).trustAssertedIdentity(true)
                    .carriers(List.of(new CarrierOptions("carrier-a", LOOPBACK, 0, 0, Optional.of(trusted)))).build();
            try (RelayFixture f = new RelayFixture(options);
                    ScriptedUdp callee = new ScriptedUdp(f.trunkPort, 1500);
                    ScriptedUdp carrier = new ScriptedUdp(0, 5000)) {
                String invite = invite(carrier, f, "pai-" + trusted)
                        .replace("From: <sip:" + CALLER.e164() + "@127.0.0.1>;tag=carrier-1\n", spoofed);
                assertTrue(invite.contains(spoofed) && invite.contains("P-Asserted-Identity: <tel:" + CALLER.e164()));
                carrier.send(invite, f.udpPort());
                if (trusted) {
                    assertTrue(callee.receiveStarting("INVITE").isPresent(), "routed as the asserted caller");
                } else {
                    carrier.receiveStarting("SIP/2.0 404").orElseThrow(() -> new AssertionError("not taken at From"));
                    assertTrue(callee.receive().filter(m -> m.startsWith("INVITE")).isEmpty());
                }
            }
        }
    }

    private static B2buaOptions withCarrier(int maxCalls, int maxCallsPerSecond) {
        return B2buaOptions.builder().trustedCarriers(LOOPBACK)
                .carriers(List.of(new CarrierOptions("carrier-a", LOOPBACK, maxCalls, maxCallsPerSecond))).build();
    }

    private static String invite(ScriptedUdp carrier, RelayFixture f, String callId) {
        return ScriptedUdp.invite(carrier.port(), f.udpPort(), callId, "z9hG4bK-" + callId, PROXY.e164(), CALLER.e164());
    }

    private static double carrierCalls(RelayFixture f, String result) {
        return f.registry.get(Carriers.CARRIER_CALLS).tag(Carriers.TAG_CARRIER, "carrier-a")
                .tag(Carriers.TAG_RESULT, result).counter().count();
    }

    private static double carrierEnded(RelayFixture f, CallOutcome outcome) {
        return f.registry.get(CallMetrics.CARRIER_CALLS_ENDED).tag(CallMetrics.TAG_CARRIER, "carrier-a")
                .tag(CallMetrics.TAG_OUTCOME, outcome.outcome()).tag(CallMetrics.TAG_REASON, outcome.reason())
                .counter().count();
    }

    private static double active(RelayFixture f) {
        return f.registry.get(Carriers.CARRIER_CALLS_ACTIVE).tag(Carriers.TAG_CARRIER, "carrier-a").gauge().value();
    }
}
