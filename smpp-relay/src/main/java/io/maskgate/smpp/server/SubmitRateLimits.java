package io.maskgate.smpp.server;

import io.maskgate.core.rate.RateLimit;
import io.maskgate.core.rate.TokenBucket;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * The token bucket of each conf account that has a {@link RateLimit}; accounts without one pass.
 * {@link #update} swaps the whole map at once (conf reload): a system_id whose limit did not change
 * keeps its bucket (and the tokens in it), a changed one starts a full bucket at the new rate.
 */
final class SubmitRateLimits {
    private final LongSupplier nanoTime;
    private volatile Map<String, Limited> buckets;

    private record Limited(RateLimit limit, TokenBucket bucket) {
    }

    SubmitRateLimits(EsmeAccounts accounts, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.buckets = Map.of();
        update(accounts);
    }

    synchronized void update(EsmeAccounts accounts) {
        Map<String, Limited> before = buckets;
        this.buckets = accounts.all().stream()
                .filter(a -> !a.rateLimit().isUnlimited())
                .collect(Collectors.toUnmodifiableMap(EsmeAccount::systemId, a -> {
                    Limited old = before.get(a.systemId());
                    return old != null && old.limit().equals(a.rateLimit()) ? old
                            : new Limited(a.rateLimit(), new TokenBucket(a.rateLimit(), nanoTime));
                }));
    }

    boolean tryTake(String systemId) {
        Limited limited = buckets.get(systemId);
        return limited == null || limited.bucket().tryTake();
    }
}
