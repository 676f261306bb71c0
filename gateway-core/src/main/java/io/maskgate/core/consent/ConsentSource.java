package io.maskgate.core.consent;

import java.util.concurrent.CompletableFuture;

/**
 * The adapter to the consent platform, the source of truth. An implementation answers granted or
 * denied, or completes the future exceptionally (preferably with {@link ConsentSourceException})
 * when it cannot tell: timeout, transport error, an answer outside the contract. The gate turns any
 * failure into {@code UNAVAILABLE}, never into a grant.
 *
 * <p>Implementations: {@link HttpConsentSource} (the platform's JSON contract) and
 * {@link StaticConsentSource} (rules from conf, for the quick start).
 */
@FunctionalInterface
public interface ConsentSource {
    CompletableFuture<SourceAnswer> ask(ConsentQuery query);
}
