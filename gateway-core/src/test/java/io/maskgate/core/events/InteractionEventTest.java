package io.maskgate.core.events;

import static io.maskgate.core.events.EventFixtures.CUSTOMER;
import static io.maskgate.core.events.EventFixtures.PROXY;
import static io.maskgate.core.events.EventFixtures.ROUTE;
import static io.maskgate.core.events.EventFixtures.T0;
import static io.maskgate.core.events.EventFixtures.event;
import static io.maskgate.core.events.EventFixtures.forms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.core.routing.RefusalReason;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InteractionEventTest {

    @Test
    void callEndedCarriesDurationAndWhoHungUp() {
        Map<String, String> f = EventFields.of(event(EventType.CALL_ENDED));

        assertEquals("call_ended", f.get(EventFields.TYPE));
        assertEquals("voice", f.get(EventFields.CHANNEL));
        assertEquals("64000", f.get(EventFields.DURATION_MS));
        assertEquals("callee", f.get(EventFields.HUNGUP_BY));
        assertEquals(PROXY.e164(), f.get(EventFields.PROXY));
        assertEquals("rider-77", f.get(EventFields.CALLER));
        assertEquals("cust-123", f.get(EventFields.CALLEE));
        assertEquals("2025-06-01T10:00:00Z", f.get(EventFields.TIME));
        assertFalse(f.containsKey(EventFields.REASON));
    }

    @Test
    void anAnsweredCallNamesItsCarrierAndTrunk() {
        InteractionEvent ended = InteractionEvent.forRoute(EventType.CALL_ENDED, T0, "gw-a", ROUTE)
                .ended(Duration.ofSeconds(64), HungUpBy.CALLEE).interconnects("carrier-a", "sbc-west").build();
        Map<String, String> f = EventFields.of(ended);
        assertEquals("carrier-a", f.get(EventFields.CARRIER));
        assertEquals("sbc-west", f.get(EventFields.TRUNK));

        InteractionEvent unnamed = InteractionEvent.forRoute(EventType.CALL_CONNECTED, T0, "gw-a", ROUTE)
                .interconnects("", "sbc-west").build();
        assertFalse(EventFields.of(unnamed).containsKey(EventFields.CARRIER), "no carrier named for the address");
        assertFalse(EventFields.of(event(EventType.CALL_CONNECTED)).containsKey(EventFields.TRUNK));

        // conf names allow digits: one that looks like a phone number is masked like any free text
        InteractionEvent numberLike = InteractionEvent.forRoute(EventType.CALL_CONNECTED, T0, "gw-a", ROUTE)
                .interconnects("9812345678", "sbc-west").build();
        assertFalse(EventFields.of(numberLike).get(EventFields.CARRIER).contains("9812345678"));
    }

    @Test
    void aRelayedSmsNamesItsEsmeAndSmscAndNoOtherEventDoes() {
        InteractionEvent relayed = InteractionEvent.forRoute(EventType.SMS_RELAYED, T0, "gw-a", ROUTE)
                .smsPeers("oms", "smsc-a").build();
        Map<String, String> f = EventFields.of(relayed);
        assertEquals("oms", f.get(EventFields.ESME));
        assertEquals("smsc-a", f.get(EventFields.SMSC));
        assertThrows(IllegalArgumentException.class, () -> InteractionEvent.forRoute(EventType.CALL_CONNECTED, T0,
                "gw-a", ROUTE).smsPeers("oms", "smsc-a").build());
        assertThrows(IllegalArgumentException.class, () -> InteractionEvent.builder(EventType.SMS_REFUSED, T0, "gw-a")
                .reason(RefusalReason.NO_SESSION).smsPeers("oms", "").build());
    }

    @Test
    void onlyAnsweredCallsNameCarrierAndTrunk() {
        assertThrows(IllegalArgumentException.class, () -> InteractionEvent.forRoute(EventType.CALL_ATTEMPTED, T0,
                "gw-a", ROUTE).interconnects("carrier-a", "sbc-west").build());
        assertThrows(IllegalArgumentException.class, () -> InteractionEvent.forRoute(EventType.SMS_RELAYED, T0,
                "gw-a", ROUTE).interconnects("carrier-a", "").build());
    }

    @Test
    void refusalCarriesItsReasonAndSessionEventsNoChannel() {
        assertEquals("consent_denied", EventFields.of(event(EventType.SMS_REFUSED)).get(EventFields.REASON));
        assertEquals("sms", EventFields.of(event(EventType.SMS_REFUSED)).get(EventFields.CHANNEL));
        assertFalse(EventFields.of(event(EventType.SESSION_CREATED)).containsKey(EventFields.CHANNEL));
    }

    @Test
    void fieldsMustFitTheType() {
        assertThrows(IllegalArgumentException.class,
                () -> InteractionEvent.builder(EventType.CALL_REFUSED, T0, "gw-a").build(), "refusal without reason");
        assertThrows(IllegalArgumentException.class, () -> InteractionEvent.builder(EventType.CALL_CONNECTED, T0, "gw-a")
                .reason(RefusalReason.NO_SESSION).build(), "reason on a non-refusal");
        assertThrows(IllegalArgumentException.class,
                () -> InteractionEvent.builder(EventType.CALL_ENDED, T0, "gw-a").build(), "call_ended without duration");
        assertThrows(IllegalArgumentException.class, () -> InteractionEvent.builder(EventType.SMS_RELAYED, T0, "gw-a")
                .ended(Duration.ofSeconds(1), HungUpBy.CALLER).build(), "duration on an SMS");
        assertThrows(IllegalArgumentException.class,
                () -> InteractionEvent.builder(EventType.SMS_RELAYED, T0, "gw a").build(), "bad node name");
        for (String bad : new String[] {"", "x".repeat(65), "gw/a", "gw\u00e9", "gw:1"}) {
            assertThrows(IllegalArgumentException.class,
                    () -> InteractionEvent.builder(EventType.SMS_RELAYED, T0, bad).build(), "node " + bad);
        }
        for (String good : new String[] {"a", "x".repeat(64), "gw-a.prod_2", "GW-A"}) {
            assertEquals(good, InteractionEvent.builder(EventType.SMS_RELAYED, T0, good).build().node());
        }
    }

    @Test
    void numberInAnIdIsMaskedAndFlagged() {
        InteractionEvent e = InteractionEvent.builder(EventType.SESSION_CREATED, T0, "gw-a")
                .participants("cust-" + CUSTOMER.digits(), "rider-77").purpose("delivery").build();

        assertTrue(e.callerId().orElseThrow().masked());
        assertFalse(e.calleeId().orElseThrow().masked());
        assertEquals("cust-************", EventFields.of(e).get(EventFields.CALLER));
    }

    @Test
    void noRealNumberInFieldsOrToString() {
        for (EventType type : EventType.values()) {
            InteractionEvent e = event(type);
            String text = e + " " + EventFields.of(e);
            for (String form : forms(CUSTOMER)) {
                assertFalse(text.contains(form), () -> type + " shows " + form + ": " + text);
            }
        }
        assertTrue(ROUTE.target().equals(CUSTOMER), "the route the events were built from did hold the real number");
    }
}
