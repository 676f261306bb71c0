package io.maskgate.core.routing;

import static io.maskgate.core.session.SessionFixtures.person;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.maskgate.core.number.NumberNormalizer;
import io.maskgate.core.session.Session;
import io.maskgate.core.session.SessionFixtures;
import io.maskgate.core.session.SessionMode;
import io.maskgate.core.session.SessionRequest;
import io.maskgate.core.session.SessionStatus;
import io.maskgate.core.session.memory.InMemorySessionStore;
import io.maskgate.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What the router does with a session's mode and activity. */
class RouterSessionTest {

    private final MutableClock clock = MutableClock.atSystemTime();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final InMemorySessionStore store =
            new InMemorySessionStore(SessionFixtures.pools(10), SessionFixtures.testKeys(), clock);
    private final AtomicInteger consentChecks = new AtomicInteger();
    private final Router router = new Router(new NumberNormalizer("91"), store, (subject, purpose, channel) -> {
        consentChecks.incrementAndGet();
        return CompletableFuture.completedFuture(ConsentVerdict.granted("c-1"));
    }, registry);

    private Session session(SessionMode mode, Optional<Duration> sliding) {
        return store.create(new SessionRequest("delivery", Duration.ofHours(1), "order-1", SessionFixtures.POOL,
                person(1), person(2), mode, sliding)).join();
    }

    @Test
    void theOtherChannelIsRefusedWithoutAskingForConsent() {
        Session s = session(SessionMode.SMS, Optional.empty());

        Decision voice = router.decide(s.proxyNumber(), person(1).number(), Channel.VOICE).join();

        Decision.Refuse refuse = assertInstanceOf(Decision.Refuse.class, voice);
        assertEquals(RefusalReason.MODE_NOT_ALLOWED, refuse.reason());
        assertEquals(0, consentChecks.get());
        assertInstanceOf(Decision.Route.class, router.decide(s.proxyNumber(), person(1).number(), Channel.SMS).join());
        assertEquals(1.0, registry.get(RoutingMetrics.DECISIONS).tags("channel", "voice", "outcome", "refused",
                "reason", "mode_not_allowed").counter().count());
    }

    @Test
    void aVoiceOnlySessionRefusesSms() {
        Session s = session(SessionMode.VOICE, Optional.empty());
        assertEquals(RefusalReason.MODE_NOT_ALLOWED, assertInstanceOf(Decision.Refuse.class,
                router.decide(s.proxyNumber(), person(2).number(), Channel.SMS).join()).reason());
        assertInstanceOf(Decision.Route.class, router.decide(s.proxyNumber(), person(2).number(), Channel.VOICE).join());
    }

    @Test
    void aRoutedInteractionPutsTheSessionInProgressAndSlidesItsWindow() {
        Session s = session(SessionMode.BOTH, Optional.of(Duration.ofMinutes(10)));
        assertEquals(SessionStatus.OPEN, store.find(s.id()).join().orElseThrow().status());
        clock.advance(Duration.ofMinutes(6));

        assertInstanceOf(Decision.Route.class, router.decide(s.proxyNumber(), person(1).number(), Channel.VOICE).join());

        await().atMost(Duration.ofSeconds(5)).until(() ->
                store.find(s.id()).join().orElseThrow().status() == SessionStatus.IN_PROGRESS);
        assertEquals(clock.instant().plus(Duration.ofMinutes(10)).toEpochMilli(),
                store.find(s.id()).join().orElseThrow().activeUntil().toEpochMilli());
    }

    @Test
    void aRefusalDoesNotTouchTheSession() {
        Session s = session(SessionMode.SMS, Optional.empty());
        router.decide(s.proxyNumber(), person(1).number(), Channel.VOICE).join();
        assertEquals(SessionStatus.OPEN, store.find(s.id()).join().orElseThrow().status());
    }
}
