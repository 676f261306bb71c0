package io.maskgate.core.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.maskgate.core.consent.ConsentPlatformStub.Mode;
import io.maskgate.core.number.NumberNormalizer;
import io.maskgate.core.number.PhoneNumber;
import io.maskgate.core.pool.NumberPool;
import io.maskgate.core.pool.NumberPools;
import io.maskgate.core.routing.Channel;
import io.maskgate.core.routing.Decision;
import io.maskgate.core.routing.RefusalReason;
import io.maskgate.core.routing.Router;
import io.maskgate.core.session.Participant;
import io.maskgate.core.session.SessionRequest;
import io.maskgate.core.session.memory.InMemorySessionStore;
import io.maskgate.keystore.KeyRing;
import io.maskgate.testing.RedisServer;
import io.maskgate.testing.RedisServerExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The routing decision with the real consent gate in front of a stand-in platform and a real Redis. */
@ExtendWith(RedisServerExtension.class)
class ConsentRouterIntegrationTest {

    private static final PhoneNumber CUSTOMER = PhoneNumber.ofE164("+919812345678");
    private static final PhoneNumber RIDER = PhoneNumber.ofE164("+919876543210");
    private static final PhoneNumber PROXY = PhoneNumber.ofE164("+918000000001");

    private final KeyRing keys = KeyRing.forTesting(new SecureRandom());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private ConsentPlatformStub platform;
    private TestRedis redis;
    private ConsentRevocations revocations;
    private CachingConsentGate gate;
    private InMemorySessionStore store;
    private Router router;

    @BeforeEach
    void setUp(RedisServer server) {
        try (RedisClient client = RedisClient.create(server.uri());
             StatefulRedisConnection<String, String> c = client.connect()) {
            c.sync().flushall();
        }
        platform = new ConsentPlatformStub();
        redis = new TestRedis(server);
        ConsentCacheOptions options = ConsentCacheOptions.builder().sourceTimeout(Duration.ofSeconds(3)).build();
        revocations = ConsentRevocations.start(redis, keys, options, registry);
        gate = CachingConsentGate.create(new HttpConsentSource(HttpSourceOptions.builder(platform.baseUri())
                        .timeout(Duration.ofSeconds(3)).build()),
                redis, revocations, keys, options, Clock.systemUTC(), registry);
        store = new InMemorySessionStore(NumberPools.of(new NumberPool("default", List.of(PROXY))), keys, Clock.systemUTC());
        router = new Router(new NumberNormalizer("91"), store, gate, registry);
        store.create(new SessionRequest("delivery", Duration.ofHours(1), "order-991", "default",
                new Participant("cust-123", CUSTOMER), new Participant("rider-77", RIDER))).join();
    }

    @AfterEach
    void tearDown() {
        store.close();
        gate.close();
        revocations.close();
        redis.close();
        platform.close();
    }

    @Test
    void aGrantRoutesWithThePlatformsDecisionId() {
        Decision decision = router.decide("+918000000001", "09876543210", Channel.VOICE).join();

        Decision.Route route = assertInstanceOf(Decision.Route.class, decision);
        assertEquals("dec-g-1", route.consentDecisionId());
        assertEquals("{\"subjectId\":\"cust-123\",\"purpose\":\"delivery\",\"channel\":\"voice\"}", platform.lastBody());
    }

    @Test
    void aDenialIsRefusedAsConsentDenied() {
        platform.mode(Mode.DENIED);

        Decision decision = router.decide("+918000000001", "09876543210", Channel.SMS).join();

        assertEquals(RefusalReason.CONSENT_DENIED, assertInstanceOf(Decision.Refuse.class, decision).reason());
    }

    @Test
    void aPlatformOutageIsRefusedAsConsentUnavailable() {
        platform.stop();

        Decision decision = router.decide("+918000000001", "09876543210", Channel.VOICE).join();

        assertEquals(RefusalReason.CONSENT_UNAVAILABLE, assertInstanceOf(Decision.Refuse.class, decision).reason());
    }

    @Test
    void aRevocationTurnsTheNextCallIntoARefusal() {
        assertInstanceOf(Decision.Route.class, router.decide("+918000000001", "09876543210", Channel.VOICE).join());
        revocations.revoke(Revocation.all("cust-123", "rev-1")).join();
        platform.mode(Mode.DENIED);

        Decision decision = router.decide("+918000000001", "09876543210", Channel.VOICE).join();

        assertEquals(RefusalReason.CONSENT_DENIED, assertInstanceOf(Decision.Refuse.class, decision).reason());
        assertEquals(2, platform.requests());
    }
}
