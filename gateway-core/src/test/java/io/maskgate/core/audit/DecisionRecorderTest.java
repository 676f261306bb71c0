package io.maskgate.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.core.events.EventFields;
import io.maskgate.core.events.EventPublisher;
import io.maskgate.core.events.EventType;
import io.maskgate.core.events.InteractionEvent;
import io.maskgate.core.number.NumberNormalizer;
import io.maskgate.core.number.PhoneNumber;
import io.maskgate.core.pool.NumberPool;
import io.maskgate.core.pool.NumberPools;
import io.maskgate.core.routing.AllowAllConsent;
import io.maskgate.core.routing.Channel;
import io.maskgate.core.routing.Decision;
import io.maskgate.core.routing.RefusalReason;
import io.maskgate.core.routing.Router;
import io.maskgate.core.routing.RoutingMetrics;
import io.maskgate.core.session.Participant;
import io.maskgate.core.session.SessionRequest;
import io.maskgate.core.session.memory.InMemorySessionStore;
import io.maskgate.keystore.KeyRing;
import io.maskgate.testing.RecordingEventPublisher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Router wired to the decision log and the event sink, as the gateway wires it. */
class DecisionRecorderTest {
    private static final KeyRing KEYS = KeyRing.forTesting(new SecureRandom());
    private static final String CUSTOMER = "+919812345678";
    private static final String RIDER = "+919876543210";

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<InteractionEvent> events = new CopyOnWriteArrayList<>();
    private final EventPublisher sink = new RecordingEventPublisher(events);

    @Test
    void everyDecisionIsChainedIntoTheLogAndBecomesAnEventWithoutANumber() throws Exception {
        Path file = dir.resolve("decisions.log");
        try (InMemorySessionStore store = store();
             FileDecisionLog log = FileDecisionLog.open(file, KEYS.auditKey(), FileDecisionLogOptions.create(), registry)) {
            Router router = new Router(new NumberNormalizer("91"), store, new AllowAllConsent(), registry,
                    new DecisionRecorder(log, sink, Clock.systemUTC(), "node-a"));

            router.decide("+918000000001", RIDER, Channel.VOICE).join();      // routed
            router.decide("+918000000001", "+919000000000", Channel.VOICE).join(); // stranger: no session
            router.decide("+918000000001", "12ab", Channel.SMS).join();         // invalid number
            log.flush().join();
        }

        assertInstanceOf(VerifyResult.Ok.class, new AuditVerifier(KEYS).verify(file, AuditVerifier.Start.GENESIS));
        String written = Files.readString(file);
        assertEquals(3, written.lines().count());
        assertEquals(List.of(EventType.CALL_ATTEMPTED, EventType.CALL_REFUSED, EventType.SMS_REFUSED),
                events.stream().map(InteractionEvent::type).toList());
        String everything = written + events;
        for (String n : List.of(CUSTOMER, RIDER, "+919000000000")) {
            assertFalse(everything.contains(n.substring(3)), "a real number reached the log or an event");
        }
    }

    @Test
    void anOutOfSessionCallWithAFallbackIsRecordedAsAFallbackAndSmsIsStillRefused() throws Exception {
        Path file = dir.resolve("fallback.log");
        PhoneNumber support = PhoneNumber.ofE164("+918000999000");
        String stranger = "+919000000000";
        Decision voice;
        Decision sms;
        try (InMemorySessionStore store = store();
             FileDecisionLog log = FileDecisionLog.open(file, KEYS.auditKey(), FileDecisionLogOptions.create(), registry)) {
            Router router = new Router(new NumberNormalizer("91"), store, new AllowAllConsent(), registry,
                    new DecisionRecorder(log, sink, Clock.systemUTC(), "node-a"), Optional.of(support));

            voice = router.decide("+918000000001", stranger, Channel.VOICE).join();
            sms = router.decide("+918000000001", stranger, Channel.SMS).join();
            assertInstanceOf(Decision.Route.class, router.decide("+918000000001", RIDER, Channel.VOICE).join());
            log.flush().join();
        }

        Decision.Fallback fallback = assertInstanceOf(Decision.Fallback.class, voice);
        assertEquals(support, fallback.target());
        assertEquals(PhoneNumber.ofE164("+918000000001"), fallback.presented());
        assertEquals(RefusalReason.NO_SESSION, fallback.instead());
        assertEquals(RefusalReason.NO_SESSION, assertInstanceOf(Decision.Refuse.class, sms).reason());
        assertEquals(1.0, registry.get(RoutingMetrics.DECISIONS).tags("channel", "voice", "outcome", "fallback",
                "reason", "no_session").counter().count());

        assertInstanceOf(VerifyResult.Ok.class, new AuditVerifier(KEYS).verify(file, AuditVerifier.Start.GENESIS));
        List<String> lines = Files.readString(file).lines().toList();
        assertTrue(lines.get(0).contains("\tvoice\tfallback\tno_session\t"), lines.get(0));
        assertTrue(lines.get(1).contains("\tsms\trefused\tno_session\t"), lines.get(1));

        InteractionEvent attempted = events.get(0);
        assertEquals(EventType.CALL_ATTEMPTED, attempted.type());
        assertTrue(attempted.fallback());
        assertEquals(Optional.of(RefusalReason.NO_SESSION), attempted.reason());
        assertEquals(Optional.of(PhoneNumber.ofE164("+918000000001")), attempted.proxyNumber());
        assertEquals(Optional.empty(), attempted.sessionId());
        assertEquals("true", EventFields.of(attempted).get(EventFields.FALLBACK));
        assertFalse(events.get(2).fallback(), "a routed call is no fallback");
        assertFalse(EventFields.of(events.get(2)).containsKey(EventFields.FALLBACK));
        String everything = String.join("\n", lines) + events + fallback;
        for (String n : List.of(stranger, support.e164(), RIDER, CUSTOMER)) {
            assertFalse(everything.contains(n.substring(3)), "a number reached the log, an event or toString()");
        }
    }

    @Test
    void aBrokenSinkNeverChangesTheDecision() {
        try (InMemorySessionStore store = store()) {
            Router router = new Router(new NumberNormalizer("91"), store, new AllowAllConsent(), registry,
                    (channel, decision) -> {
                        throw new IllegalStateException("log down");
                    });

            assertTrue(router.decide("+918000000001", RIDER, Channel.VOICE).join()
                    instanceof io.maskgate.core.routing.Decision.Route);
            assertEquals(1.0, registry.get(RoutingMetrics.OBSERVER_FAILURES).counter().count());
        }
    }

    private static InMemorySessionStore store() {
        InMemorySessionStore store = new InMemorySessionStore(
                NumberPools.of(new NumberPool("default", List.of(PhoneNumber.ofE164("+918000000001")))),
                KEYS, Clock.systemUTC());
        store.create(new SessionRequest("delivery", Duration.ofHours(1), "order-1", "default",
                new Participant("cust-123", PhoneNumber.ofE164(CUSTOMER)),
                new Participant("rider-77", PhoneNumber.ofE164(RIDER)))).join();
        return store;
    }
}
