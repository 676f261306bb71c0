package io.maskgate.core.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.maskgate.core.number.NumberNormalizer;
import io.maskgate.core.number.PhoneNumber;
import io.maskgate.core.pool.NumberPool;
import io.maskgate.core.pool.NumberPools;
import io.maskgate.core.session.Participant;
import io.maskgate.core.session.Resolution;
import io.maskgate.core.session.Session;
import io.maskgate.core.session.SessionRequest;
import io.maskgate.core.session.SessionStore;
import io.maskgate.core.session.memory.InMemorySessionStore;
import io.maskgate.keystore.KeyRing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

class RouterTest {
    private static final PhoneNumber CUSTOMER = PhoneNumber.ofE164("+919812345678");
    private static final PhoneNumber RIDER = PhoneNumber.ofE164("+919876543210");
    private static final PhoneNumber PROXY = PhoneNumber.ofE164("+918000000001");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicReference<ConsentVerdict> consentAnswer =
            new AtomicReference<>(ConsentVerdict.granted("c-1"));
    private final AtomicReference<String> consentAskedFor = new AtomicReference<>();
    private InMemorySessionStore store;
    private Router router;
    private Session session;

    @BeforeEach
    void setUp() {
        store = new InMemorySessionStore(
                NumberPools.of(new NumberPool("default", List.of(PROXY))),
                KeyRing.forTesting(new SecureRandom()), Clock.systemUTC());
        ConsentGate gate = (subject, purpose, channel) -> {
            consentAskedFor.set(subject + "/" + purpose + "/" + channel.tag());
            return CompletableFuture.completedFuture(consentAnswer.get());
        };
        router = new Router(new NumberNormalizer("91"), store, gate, registry);
        session = store.create(new SessionRequest("delivery", Duration.ofHours(1), "order-991", "default",
                new Participant("cust-123", CUSTOMER), new Participant("rider-77", RIDER))).join();
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void routesTheRiderToTheCustomerPresentingTheProxy() {
        Decision decision = router.decide("+918000000001", "09876543210", Channel.VOICE).join();

        assertInstanceOf(Decision.Route.class, decision);
        Decision.Route route = (Decision.Route) decision;
        assertEquals(CUSTOMER, route.target());
        assertEquals(PROXY, route.presented());
        assertEquals(session.id(), route.sessionId());
        assertEquals("rider-77", route.callerId());
        assertEquals("cust-123", route.calleeId());
        assertEquals("c-1", route.consentDecisionId());
        // consent is asked for the callee, the person being contacted
        assertEquals("cust-123/delivery/voice", consentAskedFor.get());
        assertEquals(1.0, count("voice", "routed", "none"));
    }

    @Test
    void theReverseDirectionReachesTheRider() {
        Decision decision = router.decide("+918000000001", "+919812345678", Channel.SMS).join();

        assertEquals(RIDER, ((Decision.Route) decision).target());
    }

    @Test
    void aStrangerGetsNoSession() {
        Decision decision = router.decide("+918000000001", "+919000000000", Channel.VOICE).join();

        assertRefused(decision, RefusalReason.NO_SESSION);
        assertNull(consentAskedFor.get());
        assertEquals(1.0, count("voice", "refused", "no_session"));
    }

    @Test
    void garbageNumbersAreInvalidAndTheDetailDoesNotEchoThem() {
        Decision decision = router.decide("+918000000001", "98765abc10", Channel.SMS).join();

        assertRefused(decision, RefusalReason.INVALID_NUMBER);
        assertFalse(((Decision.Refuse) decision).detail().contains("98765"));
        assertEquals(true, ((Decision.Refuse) decision).callerNumberInvalid(), "it was the caller's number");
    }

    @Test
    void aBadProxyNumberIsInvalidButNotTheCallersFault() {
        Decision decision = router.decide("80000abc01", "+919876543210", Channel.SMS).join();

        assertRefused(decision, RefusalReason.INVALID_NUMBER);
        assertEquals(false, ((Decision.Refuse) decision).callerNumberInvalid());
    }

    @Test
    void deniedConsentRefuses() {
        consentAnswer.set(ConsentVerdict.denied("c-9"));

        assertRefused(router.decide("+918000000001", "+919876543210", Channel.VOICE).join(),
                RefusalReason.CONSENT_DENIED);
    }

    @Test
    void unavailableConsentRefuses() {
        consentAnswer.set(ConsentVerdict.unavailable());

        assertRefused(router.decide("+918000000001", "+919876543210", Channel.VOICE).join(),
                RefusalReason.CONSENT_UNAVAILABLE);
    }

    @Test
    void aConsentSourceThatFailsIsUnavailableNotGranted() {
        Router failing = new Router(new NumberNormalizer("91"), store,
                (s, p, c) -> CompletableFuture.failedFuture(new IllegalStateException("boom")), registry);

        assertRefused(failing.decide("+918000000001", "+919876543210", Channel.VOICE).join(),
                RefusalReason.CONSENT_UNAVAILABLE);
    }

    @Test
    void anUnavailableStoreRefusesAndNeverAsksConsent() {
        SessionStore down = Mockito.mock(SessionStore.class);
        Mockito.when(down.resolve(Mockito.any(), Mockito.any()))
                .thenReturn(CompletableFuture.completedFuture(new Resolution.Unavailable("timeout")));
        Router router = new Router(new NumberNormalizer("91"), down, new AllowAllConsent(), registry);

        assertRefused(router.decide("+918000000001", "+919876543210", Channel.VOICE).join(),
                RefusalReason.STORE_UNAVAILABLE);
    }

    @Test
    void aStoreThatThrowsInsteadOfAnsweringStillFailsClosed() {
        SessionStore broken = Mockito.mock(SessionStore.class);
        Mockito.when(broken.resolve(Mockito.any(), Mockito.any())).thenThrow(new IllegalStateException("bug"));
        Router router = new Router(new NumberNormalizer("91"), broken, new AllowAllConsent(), registry);

        assertRefused(router.decide("+918000000001", "+919876543210", Channel.SMS).join(),
                RefusalReason.STORE_UNAVAILABLE);
    }

    @Test
    void aStoreWhoseLookupFailsLaterStillFailsClosed() {
        SessionStore failing = Mockito.mock(SessionStore.class);
        Mockito.when(failing.resolve(Mockito.any(), Mockito.any()))
                .thenReturn(CompletableFuture.failedFuture(new IllegalStateException("connection reset")));
        Router router = new Router(new NumberNormalizer("91"), failing, new AllowAllConsent(), registry);

        Decision decision = router.decide("+918000000001", "+919876543210", Channel.SMS).join();

        assertRefused(decision, RefusalReason.STORE_UNAVAILABLE);
        assertEquals("routing failed: IllegalStateException", ((Decision.Refuse) decision).detail());
    }

    @Test
    void aConsentGateThatThrowsInsteadOfAnsweringStillFailsClosed() {
        Router router = new Router(new NumberNormalizer("91"), store,
                (s, p, c) -> {
                    throw new IllegalStateException("bug");
                }, registry);

        assertRefused(router.decide("+918000000001", "+919876543210", Channel.SMS).join(),
                RefusalReason.STORE_UNAVAILABLE);
    }

    @Test
    void consentAnsweredLaterStillDecidesAndCountsOnce() {
        CompletableFuture<ConsentVerdict> later = new CompletableFuture<>();
        List<Decision> observed = new java.util.concurrent.CopyOnWriteArrayList<>();
        Router router = new Router(new NumberNormalizer("91"), store, (s, p, c) -> later, registry,
                (channel, decision) -> observed.add(decision));

        CompletableFuture<Decision> decision = router.decide("+918000000001", "+919876543210", Channel.SMS);
        assertFalse(decision.isDone());
        later.complete(ConsentVerdict.granted("c-9"));

        assertInstanceOf(Decision.Route.class, decision.join());
        assertEquals(List.of(decision.join()), observed);
        assertEquals(1.0, count("sms", "routed", "none"));
    }

    @Test
    void everyRefusalIsObservedAndCountedOnce() {
        List<Decision> observed = new java.util.concurrent.CopyOnWriteArrayList<>();
        Router router = new Router(new NumberNormalizer("91"), store, new AllowAllConsent(), registry,
                (channel, decision) -> observed.add(decision));

        router.decide("+918000000001", "+919800000000", Channel.SMS).join();
        store.delete(session.id()).join();
        router.decide("+918000000001", "+919876543210", Channel.SMS).join();

        assertEquals(2, observed.size());
        assertEquals(2.0, count("sms", "refused", RefusalReason.NO_SESSION.tag()));
    }

    @Test
    void aDeletedSessionStopsRoutingAtOnce() {
        store.delete(session.id()).join();

        assertRefused(router.decide("+918000000001", "+919876543210", Channel.VOICE).join(),
                RefusalReason.NO_SESSION);
    }

    private static void assertRefused(Decision decision, RefusalReason reason) {
        assertInstanceOf(Decision.Refuse.class, decision);
        assertEquals(reason, ((Decision.Refuse) decision).reason());
    }

    private double count(String channel, String outcome, String reason) {
        return registry.get(RoutingMetrics.DECISIONS)
                .tag("channel", channel).tag("outcome", outcome).tag("reason", reason).counter().count();
    }
}
