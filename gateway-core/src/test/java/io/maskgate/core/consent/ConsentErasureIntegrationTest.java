package io.maskgate.core.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.core.routing.Channel;
import io.maskgate.keystore.KeyRing;
import io.maskgate.testing.RedisServer;
import io.maskgate.testing.RedisServerExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Erasure of a subject's cached consent against a real redis-server. */
@ExtendWith(RedisServerExtension.class)
class ConsentErasureIntegrationTest {

    @Test
    void deletesEveryPurposeOfTheSubjectOnlyAndMovesItsEpoch(RedisServer redis) throws Exception {
        KeyRing keys = KeyRing.forTesting(new SecureRandom());
        ConsentCacheOptions options = ConsentCacheOptions.builder().build();
        try (TestRedis connections = new TestRedis(redis);
             ConsentRevocations revocations = ConsentRevocations.start(connections, keys, options,
                     new SimpleMeterRegistry())) {
            SharedDecisions shared = new SharedDecisions(connections, keys, Clock.systemUTC(), Duration.ofSeconds(1));
            CachedDecision granted = new CachedDecision(SourceAnswer.Decision.GRANTED, "cd-1", 0,
                    Instant.now().plus(Duration.ofMinutes(5)));
            for (ConsentQuery q : new ConsentQuery[] {
                    new ConsentQuery("cust-1", "delivery", Channel.VOICE),
                    new ConsentQuery("cust-1", "support", Channel.SMS),
                    new ConsentQuery("cust-2", "delivery", Channel.VOICE)}) {
                shared.store(q, granted, Duration.ofMinutes(5)).get(2, TimeUnit.SECONDS);
            }

            long deleted = new ConsentErasure(connections, revocations, keys, Duration.ofSeconds(1))
                    .erase("cust-1").get(5, TimeUnit.SECONDS);

            assertEquals(2, deleted);
            assertTrue(shared.lookup(new ConsentQuery("cust-1", "delivery", Channel.VOICE)).get(2, TimeUnit.SECONDS)
                    .decision().isEmpty());
            assertTrue(shared.lookup(new ConsentQuery("cust-2", "delivery", Channel.VOICE)).get(2, TimeUnit.SECONDS)
                    .decision().isPresent(), "another subject's consent is untouched");
            assertEquals(OptionalLong.of(1), shared.epoch("cust-1").get(2, TimeUnit.SECONDS));
        }
    }
}
