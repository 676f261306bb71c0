package io.maskgate.core.events;

import static io.maskgate.core.session.SessionFixtures.person;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.maskgate.core.session.CloseReason;
import io.maskgate.core.session.Session;
import io.maskgate.core.session.SessionFixtures;
import io.maskgate.core.session.memory.InMemorySessionStore;
import io.maskgate.testing.MutableClock;
import io.maskgate.testing.RecordingEventPublisher;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PublishingSessionStoreTest {

    private final MutableClock clock = MutableClock.atSystemTime();
    private final List<InteractionEvent> published = new CopyOnWriteArrayList<>();
    private final EventPublisher recorder = new RecordingEventPublisher(published);
    private final PublishingSessionStore store = new PublishingSessionStore(
            new InMemorySessionStore(SessionFixtures.pools(10), SessionFixtures.testKeys(), clock), recorder, clock,
            "gw-a");

    @Test
    void createAndCloseArePublishedOnceWithPseudonymousIdsAndTheProxyOnly() {
        Session s = store.create(SessionFixtures.request(1, 2, Duration.ofHours(1))).join();
        clock.advance(Duration.ofSeconds(3));
        store.close(s.id(), CloseReason.API).join();
        store.close(s.id(), CloseReason.REVOKED).join(); // already closed: no second event

        assertEquals(2, published.size());
        Map<String, String> created = EventFields.of(published.get(0));
        Map<String, String> closed = EventFields.of(published.get(1));
        assertEquals("session_created", created.get(EventFields.TYPE));
        assertEquals("session_closed", closed.get(EventFields.TYPE));
        assertEquals("api", closed.get(EventFields.REASON));
        for (Map<String, String> e : List.of(created, closed)) {
            assertEquals(s.id().value(), e.get(EventFields.SESSION));
            assertEquals("delivery", e.get(EventFields.PURPOSE));
            assertEquals("p1", e.get(EventFields.CALLER));
            assertEquals("p2", e.get(EventFields.CALLEE));
            assertEquals(s.proxyNumber().e164(), e.get(EventFields.PROXY));
            for (int p : new int[] {1, 2}) {
                String national = person(p).number().e164().substring(3);
                assertFalse(e.toString().contains(national), "a participant's number in " + e);
            }
        }
    }

    @Test
    void closingAnExpiredSessionPublishesNothing() {
        Session s = store.create(SessionFixtures.request(1, 2, Duration.ofSeconds(10))).join();
        clock.advance(Duration.ofSeconds(11));
        assertEquals(CloseReason.EXPIRED, store.close(s.id(), CloseReason.API).join().orElseThrow()
                .closure().orElseThrow().reason());
        assertEquals(1, published.size());
    }
}
