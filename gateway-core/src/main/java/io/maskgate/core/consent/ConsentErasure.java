package io.maskgate.core.consent;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.maskgate.keystore.KeyRing;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Erasure of a subject's cached consent: a revocation of everything (every node drops its
 * near-cache entries and ends the subject's live calls, see {@link ConsentRevocations}), then
 * every shared decision entry of the subject deleted. Those keys cannot be derived without the
 * purposes, so they are found with {@code SCAN MATCH mgc:{S}:d:*} (the subject's hash tag),
 * in pages; an erasure is rare enough to afford one pass over the keyspace. The revocation epoch
 * ({@code mgc:{S}:e}, a counter without personal data) stays until its TTL so no entry written
 * late by a fetch in flight can be trusted again.
 */
public final class ConsentErasure {

    static final int PAGE = 1000;

    private final ConsentRevocations revocations;
    private final SharedDecisions shared;

    public ConsentErasure(ConsentRedis redis, ConsentRevocations revocations, KeyRing keys, Duration timeout) {
        this.revocations = Objects.requireNonNull(revocations, "revocations");
        this.shared = new SharedDecisions(Objects.requireNonNull(redis, "redis"), keys, Clock.systemUTC(), timeout);
    }

    /** @return how many shared decision entries were deleted; fails when Redis does not answer */
    public CompletableFuture<Long> erase(String subjectId) {
        String pattern = ConsentKeys.PREFIX + "{" + shared.keys().subjectToken(subjectId) + "}:d:*";
        return revocations.revoke(Revocation.all(subjectId, "erasure"))
                .thenCompose(done -> page(ScanCursor.INITIAL, ScanArgs.Builder.matches(pattern).limit(PAGE), 0L));
    }

    private CompletableFuture<Long> page(ScanCursor cursor, ScanArgs args, long soFar) {
        return shared.<KeyScanCursor<String>>call(r -> r.scan(cursor, args)).thenCompose(page -> {
            CompletableFuture<Long> deleted = page.getKeys().isEmpty() ? CompletableFuture.completedFuture(0L)
                    : shared.call(r -> r.del(page.getKeys().toArray(String[]::new)));
            return deleted.thenCompose(n -> page.isFinished() ? CompletableFuture.completedFuture(soFar + n)
                    : page(page, args, soFar + n));
        });
    }
}
