package io.maskgate.core.consent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.maskgate.core.consent.ConsentPlatformStub.Mode;
import io.maskgate.core.routing.Channel;
import io.maskgate.core.routing.ConsentVerdict;
import io.maskgate.core.routing.ConsentVerdict.Outcome;
import io.maskgate.keystore.KeyRing;
import io.maskgate.testing.MutableClock;
import io.maskgate.testing.RedisServer;
import io.maskgate.testing.RedisServerExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisServerExtension.class)
class CachingConsentGateIntegrationTest {

    private static final String SUBJECT = "cust-123";
    private static final String PURPOSE = "delivery";

    private final KeyRing keys = KeyRing.forTesting(new SecureRandom());
    private final MutableClock clock = MutableClock.atSystemTime();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private ConsentPlatformStub platform;
    private RedisServer redis;

    /** One gateway node: its own Redis connections, revocations and gate. */
    private final class Node {
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        final ConsentRevocations revocations;
        final CachingConsentGate gate;
        final List<Revocation> heard = new CopyOnWriteArrayList<>();

        Node(ConsentCacheOptions options) {
            this(options, true);
        }

        /** {@code subscribed} false: a node that never hears pub/sub (as if the message were late). */
        Node(ConsentCacheOptions options, boolean subscribed) {
            // Generous HTTP timeout (cold JVM, busy box) unless the test sets a short sourceTimeout.
            Duration httpTimeout = options.sourceTimeout().compareTo(Duration.ofSeconds(1)) < 0
                    ? options.sourceTimeout() : Duration.ofSeconds(3);
            TestRedis connections = new TestRedis(redis);
            ConsentRedis deaf = new ConsentRedis() {
                @Override
                public Optional<io.lettuce.core.api.async.RedisAsyncCommands<String, byte[]>> commands() {
                    return connections.commands();
                }

                @Override
                public java.util.concurrent.CompletionStage<io.lettuce.core.pubsub.StatefulRedisPubSubConnection<String, byte[]>> connectPubSub() {
                    return new CompletableFuture<>();
                }
            };
            revocations = ConsentRevocations.start(subscribed ? connections : deaf, keys, options, registry);
            gate = CachingConsentGate.create(new HttpConsentSource(HttpSourceOptions.builder(platform.baseUri())
                    .timeout(httpTimeout).build()), connections, revocations, keys, options, clock, registry);
            revocations.addListener(heard::add);
            closeables.add(connections);
            closeables.add(revocations);
            closeables.add(gate);
            if (subscribed) {
                await().atMost(Duration.ofSeconds(5)).until(revocations::isSubscribed);
            }
        }

        ConsentVerdict check() {
            return gate.check(SUBJECT, PURPOSE, Channel.VOICE).join();
        }

        double checks(String outcome, String source) {
            return registry.get(ConsentMetrics.CHECKS)
                    .tag(ConsentMetrics.TAG_OUTCOME, outcome).tag(ConsentMetrics.TAG_SOURCE, source).counter().count();
        }
    }

    @BeforeEach
    void setUp(RedisServer server) {
        this.redis = server;
        try (RedisClient client = RedisClient.create(server.uri());
             StatefulRedisConnection<String, String> c = client.connect()) {
            c.sync().flushall();
        }
        platform = new ConsentPlatformStub();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
        platform.close();
    }

    private static ConsentCacheOptions options() {
        // Generous Redis timeout: a near-cache hit checks the revocation epoch in Redis, and a check
        // that times out on a loaded CI machine rightly falls back to the platform, which is not
        // what these tests are about.
        return ConsentCacheOptions.builder().nearCacheTtl(Duration.ofMinutes(10))
                .sourceTimeout(Duration.ofSeconds(3)).redisTimeout(Duration.ofSeconds(2)).build();
    }

    @Test
    void grantedIsCachedSoTheSecondCheckDoesNotAskThePlatform() {
        Node node = new Node(options());

        assertEquals(ConsentVerdict.granted("dec-g-1"), node.check());
        assertEquals(ConsentVerdict.granted("dec-g-1"), node.check());

        assertEquals(1, platform.requests());
        assertEquals(1.0, node.checks("granted", "platform"));
        assertEquals(1.0, node.checks("granted", "near"));
        assertEquals(1, node.gate.nearCacheSize());
    }

    @Test
    void deniedIsDeniedAndCachedToo() {
        platform.mode(Mode.DENIED);
        Node node = new Node(options());

        assertEquals(ConsentVerdict.denied("dec-d-1"), node.check());
        assertEquals(ConsentVerdict.denied("dec-d-1"), node.check());
        assertEquals(1, platform.requests());
    }

    @Test
    void slowPlatformIsUnavailableWithinTheTimeout() {
        platform.mode(Mode.SLOW);
        Node node = new Node(options().mutate().sourceTimeout(Duration.ofMillis(300)).build());

        long start = System.nanoTime();
        ConsentVerdict verdict = node.check();
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(Outcome.UNAVAILABLE, verdict.outcome());
        assertTrue(millis < 1_000, "answered after " + millis + " ms");
        assertEquals(1.0, node.checks("unavailable", "platform"));
    }

    @Test
    void platformDownAndNothingCachedIsUnavailable() {
        platform.stop();
        Node node = new Node(options());

        assertEquals(ConsentVerdict.unavailable(), node.check());
        assertEquals(ConsentVerdict.unavailable(), node.gate.check(SUBJECT, PURPOSE, Channel.SMS).join());
    }

    @Test
    void platformErrorsAreNeverCached() {
        platform.mode(Mode.ERROR_500);
        Node node = new Node(options());
        assertEquals(ConsentVerdict.unavailable(), node.check());

        platform.mode(Mode.GRANTED);
        assertEquals(ConsentVerdict.granted("dec-g-2"), node.check());
        assertEquals(2, platform.requests());
    }

    @Test
    void cachedDecisionSurvivesAPlatformOutageUntilItsTtl() {
        platform.ttlSeconds(60);
        Node node = new Node(options());
        assertEquals(ConsentVerdict.granted("dec-g-1"), node.check());
        platform.stop();

        clock.advance(Duration.ofSeconds(59));
        assertEquals(ConsentVerdict.granted("dec-g-1"), node.check());

        clock.advance(Duration.ofSeconds(2));
        assertEquals(ConsentVerdict.unavailable(), node.check());
    }

    @Test
    void platformTtlIsCappedByMaxCacheTtl() {
        platform.ttlSeconds(3_600);
        Node node = new Node(options().mutate().maxCacheTtl(Duration.ofSeconds(30)).build());
        node.check();

        clock.advance(Duration.ofSeconds(29));
        node.check();
        assertEquals(1, platform.requests());

        clock.advance(Duration.ofSeconds(2));
        node.check();
        assertEquals(2, platform.requests());
    }

    @Test
    void zeroTtlMeansAskEveryTime() {
        platform.ttlSeconds(0);
        Node node = new Node(options());
        node.check();
        node.check();
        assertEquals(2, platform.requests());
    }

    @Test
    void twoNodesShareADecisionThroughRedis() {
        Node a = new Node(options());
        Node b = new Node(options());

        assertEquals(ConsentVerdict.granted("dec-g-1"), a.check());
        assertEquals(ConsentVerdict.granted("dec-g-1"), b.check());

        assertEquals(1, platform.requests());
        assertEquals(1.0, b.checks("granted", "shared"));
    }

    @Test
    void revocationOnNodeAReachesNodeBsNearCacheWithinOneSecond() {
        // Pub/sub mode: node B's near-cache hits cost no Redis round trip, the message drops them.
        ConsentCacheOptions pubSubOnly = options().mutate().verifyEpochOnNearHit(false).build();
        Node a = new Node(pubSubOnly);
        Node b = new Node(pubSubOnly);
        b.check();
        b.check();
        assertEquals(1, platform.requests());
        assertEquals(1.0, b.checks("granted", "near"));

        a.revocations.revoke(new Revocation(SUBJECT, Optional.of(PURPOSE), Optional.empty(), "rev-1")).join();

        await().atMost(Duration.ofSeconds(1)).until(() -> b.gate.nearCacheSize() == 0);
        assertEquals(List.of(new Revocation(SUBJECT, Optional.of(PURPOSE), Optional.empty(), "rev-1")), b.heard);
        assertEquals(1, a.heard.size(), "the revoking node hears it once, not again from its own echo");
        platform.mode(Mode.DENIED);
        assertEquals(ConsentVerdict.denied("dec-d-2"), b.check());
        assertEquals(2, platform.requests());
    }

    @Test
    void withEpochChecksTheVeryNextCheckOnAnotherNodeAsksAgain() {
        Node a = new Node(options());
        Node b = new Node(options(), false);
        b.check();
        b.check();
        assertEquals(1, b.gate.nearCacheSize());
        assertEquals(1.0, b.checks("granted", "near"));

        // Node B never hears the pub/sub message: its near-cache entry is stale...
        a.revocations.revoke(Revocation.all(SUBJECT, "rev-2")).join();
        platform.mode(Mode.DENIED);

        // ...yet its next check sees the new epoch in Redis and asks the platform.
        assertEquals(ConsentVerdict.denied("dec-d-2"), b.check());
        assertEquals(2, platform.requests());
    }

    @Test
    void aStaleWriteFromBeforeARevocationIsNotServed() {
        Node a = new Node(options());
        platform.holdAnswers();
        CompletableFuture<ConsentVerdict> inFlight = a.gate.check(SUBJECT, PURPOSE, Channel.VOICE);
        await().atMost(Duration.ofSeconds(2)).until(() -> platform.requests() == 1);

        a.revocations.revoke(Revocation.all(SUBJECT, "rev-3")).join();
        platform.releaseHeld();
        assertEquals(ConsentVerdict.granted("dec-g-1"), inFlight.join()); // began before the revocation
        String key = new ConsentKeys(keys.blindIndex()).decisionKey(SUBJECT, PURPOSE, Channel.VOICE);
        try (RedisClient client = RedisClient.create(redis.uri());
             StatefulRedisConnection<String, String> c = client.connect()) {
            await().atMost(Duration.ofSeconds(2)).until(() -> c.sync().exists(key) == 1L); // the late write landed
        }

        // Neither another node nor the node that fetched it serves the pre-revocation grant.
        Node b = new Node(options());
        platform.mode(Mode.DENIED);
        assertEquals(ConsentVerdict.denied("dec-d-2"), b.check());
        assertEquals(ConsentVerdict.denied("dec-d-2"), a.check());
        assertEquals(2, platform.requests());
    }

    @Test
    void concurrentMissesAskThePlatformOnce() {
        Node node = new Node(options());
        platform.holdAnswers();
        List<CompletableFuture<ConsentVerdict>> checks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            checks.add(node.gate.check(SUBJECT, PURPOSE, Channel.VOICE));
        }
        await().atMost(Duration.ofSeconds(2)).until(() -> platform.requests() == 1);
        platform.releaseHeld();

        for (CompletableFuture<ConsentVerdict> check : checks) {
            assertEquals(ConsentVerdict.granted("dec-g-1"), check.join());
        }
        assertEquals(1, platform.requests());
    }

    @Test
    void redisDownFallsThroughToThePlatformAndNeverGrantsOnItsOwn() {
        Node node = new Node(options());
        node.check();
        redis.stop();
        try {
            // The near-cache hit cannot be confirmed: the platform decides.
            platform.mode(Mode.DENIED);
            assertEquals(ConsentVerdict.denied("dec-d-2"), node.check());
            platform.mode(Mode.ERROR_500);
            assertEquals(ConsentVerdict.unavailable(), node.check());
        } finally {
            redis.start();
        }
    }

    @Test
    void invalidQueriesAreUnavailableNotErrors() {
        Node node = new Node(options());
        assertEquals(ConsentVerdict.unavailable(), node.gate.check("", PURPOSE, Channel.SMS).join());
        assertEquals(0, platform.requests());
    }
}
