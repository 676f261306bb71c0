package io.maskgate.core.events;

import io.maskgate.core.number.PhoneNumber;
import io.maskgate.core.routing.Decision;
import io.maskgate.core.routing.RefusalReason;
import io.maskgate.core.session.SessionId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One event of every type, built from decisions that hold real numbers. */
final class EventFixtures {

    static final PhoneNumber CUSTOMER = PhoneNumber.ofE164("+919812345678");
    static final PhoneNumber RIDER = PhoneNumber.ofE164("+919876543210");
    static final PhoneNumber PROXY = PhoneNumber.ofE164("+918000000001");
    static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");
    static final SessionId SESSION = new SessionId("s-Zm9vYmFy");
    static final Decision.Route ROUTE = new Decision.Route(CUSTOMER, PROXY, SESSION, "delivery", "rider-77", "cust-123", "cd-1");

    private EventFixtures() {
    }

    static InteractionEvent event(EventType type) {
        InteractionEvent.Builder b = InteractionEvent.forRoute(type, T0, "gw-a", ROUTE);
        if (type.isRefusal()) {
            b.reason(RefusalReason.CONSENT_DENIED);
        }
        if (type == EventType.CALL_ENDED) {
            b.ended(Duration.ofSeconds(64), HungUpBy.CALLEE);
        }
        if (type == EventType.SESSION_CLOSED) {
            b.closeReason(io.maskgate.core.session.CloseReason.API);
        }
        return b.build();
    }

    static List<InteractionEvent> everyType() {
        List<InteractionEvent> events = new ArrayList<>();
        for (EventType type : EventType.values()) {
            events.add(event(type));
        }
        return events;
    }

    /** Forms a real number could take in a value, for "never appears" checks. */
    static List<String> forms(PhoneNumber n) {
        String d = n.digits();
        return List.of(n.e164(), d, d.substring(2), d.substring(4, 10));
    }
}
