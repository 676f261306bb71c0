package io.maskgate.smpp.server;

import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/** The token bucket of each conf account that has a {@link RateLimit}; accounts without one pass. */
final class SubmitRateLimits {
    private final Map<String, TokenBucket> buckets;

    SubmitRateLimits(EsmeAccounts accounts, LongSupplier nanoTime) {
        this.buckets = accounts.all().stream()
                .filter(a -> !a.rateLimit().isUnlimited())
                .collect(Collectors.toUnmodifiableMap(EsmeAccount::systemId, a -> new TokenBucket(a.rateLimit(), nanoTime)));
    }

    boolean tryTake(String systemId) {
        TokenBucket bucket = buckets.get(systemId);
        return bucket == null || bucket.tryTake();
    }
}
