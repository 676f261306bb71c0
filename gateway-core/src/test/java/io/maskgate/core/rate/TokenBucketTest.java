package io.maskgate.core.rate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    @Test
    void allowsTheBurstThenTheRateAndNeverMoreThanTheBurstAfterAQuietPeriod() {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        TokenBucket bucket = new TokenBucket(new RateLimit(10, 3), now::get);
        assertTrue(bucket.tryTake());
        assertTrue(bucket.tryTake());
        assertTrue(bucket.hasToken());
        assertTrue(bucket.tryTake());
        assertFalse(bucket.hasToken());
        assertFalse(bucket.tryTake());
        now.addAndGet(99_000_000L);
        assertFalse(bucket.tryTake());
        now.addAndGet(1_000_000L);
        assertTrue(bucket.tryTake());
        assertFalse(bucket.tryTake());
        now.addAndGet(60_000_000_000L);
        for (int i = 0; i < 3; i++) {
            assertTrue(bucket.tryTake());
        }
        assertFalse(bucket.tryTake());
    }
}
