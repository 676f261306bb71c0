package io.maskgate.smpp.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.maskgate.core.events.EventFields;
import io.maskgate.core.events.EventType;
import io.maskgate.core.events.InteractionEvent;
import io.maskgate.core.events.NoopEventPublisher;
import io.maskgate.core.number.PhoneNumber;
import io.maskgate.core.routing.Decision;
import io.maskgate.core.session.SessionId;
import io.maskgate.testing.RecordingEventPublisher;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SmsEventsTest {
    private static final Instant NOW = Instant.parse("2026-11-26T06:00:00Z");
    private static final Decision.Route ROUTE = new Decision.Route(PhoneNumber.ofE164("+919700000001"),
            PhoneNumber.ofE164("+918000000001"), new SessionId("0123abcd-AAAAAAAAAAAAAAAAAAAAAA"), "delivery",
            "cust-1", "rider-1", "c-1");

    @Test
    void publishesSmsRelayedForTheRoute() {
        List<InteractionEvent> published = new ArrayList<>();
        SmsEvents events = new SmsEvents(new RecordingEventPublisher(published), "node-1", new CountingClock());

        events.relayed(ROUTE, "oms", "smsc-a");

        assertEquals(1, published.size());
        assertEquals(EventType.SMS_RELAYED, published.get(0).type());
        assertEquals(NOW, published.get(0).time());
        assertEquals(ROUTE.sessionId(), published.get(0).sessionId().orElseThrow());
        Map<String, String> fields = EventFields.of(published.get(0));
        assertEquals("oms", fields.get(EventFields.ESME));
        assertEquals("smsc-a", fields.get(EventFields.SMSC));
    }

    @Test
    void buildsNothingForTheNoopPublisher() {
        CountingClock clock = new CountingClock();
        SmsEvents events = new SmsEvents(NoopEventPublisher.INSTANCE, "node-1", clock);
        int readsAtStart = clock.reads.get();

        events.relayed(ROUTE, "oms", "smsc-a");
        events.relayed(ROUTE, "oms", "smsc-a");

        assertEquals(readsAtStart, clock.reads.get());
    }

    @Test
    void buildsTheEventForAnyOtherPublisher() {
        CountingClock clock = new CountingClock();
        SmsEvents events = new SmsEvents(new RecordingEventPublisher(new ArrayList<>()), "node-1", clock);
        int readsAtStart = clock.reads.get();

        events.relayed(ROUTE, "oms", "smsc-a");

        assertEquals(readsAtStart + 1, clock.reads.get());
    }


    /** A fixed clock that counts how often it is read (an event costs one read). */
    private static final class CountingClock extends Clock {
        final AtomicInteger reads = new AtomicInteger();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            reads.incrementAndGet();
            return NOW;
        }
    }
}
