package io.maskgate.core.session;

import static io.maskgate.core.session.SessionFixtures.person;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.core.number.PhoneNumber;
import io.maskgate.core.pool.NumberPool;
import io.maskgate.core.session.codec.RoutingEntry;
import io.maskgate.core.session.codec.SessionEntries;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every type that holds a real number masks it in toString (STYLE rule 5). */
class NoRealNumberInToStringTest {

    private static final PhoneNumber PROXY = PhoneNumber.ofE164("+918000000042");
    private static final SessionId ID = new SessionId("0a1b2c3d-AAAAAAAAAAAAAAAAAAAAAA");
    private static final Instant T = Instant.parse("2025-01-01T00:00:00Z");

    private static void assertNoNumber(Object value, PhoneNumber... numbers) {
        String text = value.toString();
        for (PhoneNumber n : numbers) {
            String d = n.digits();
            for (String form : List.of(n.e164(), d, d.substring(2), "0" + d.substring(2), d.substring(4, 10))) {
                assertFalse(text.contains(form), () -> "toString shows " + form + ": " + text);
            }
        }
    }

    @Test
    void participant() {
        Participant p = person(7);
        assertNoNumber(p, p.number());
        assertTrue(p.toString().contains("p7"));
    }

    @Test
    void session() {
        Session s = new Session(ID, "delivery", person(1), person(2), PROXY, "riders", T, T.plusSeconds(60), "order-9");
        assertNoNumber(s, person(1).number(), person(2).number(), PROXY);
        assertTrue(s.toString().contains(ID.value()));
    }

    @Test
    void resolutionAndRoutingEntry() {
        Resolution r = new Resolution.Routable(ID, "delivery", "p1", person(2), T);
        assertNoNumber(r, person(2).number());
        assertNoNumber(new RoutingEntry(ID, "delivery", "p1", person(2), T), person(2).number());
    }

    @Test
    void requestAndPoolAndEntries() {
        assertNoNumber(SessionFixtures.request(1, 2, java.time.Duration.ofMinutes(1)), person(1).number(), person(2).number());
        assertNoNumber(new NumberPool("riders", List.of(PROXY)), PROXY);
        SessionEntries.Entry e = new SessionEntries.Entry("mg:{0a1b2c3d}:r:00", PROXY.e164().getBytes());
        assertNoNumber(e, PROXY);
    }
}
