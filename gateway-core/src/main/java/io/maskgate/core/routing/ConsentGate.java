package io.maskgate.core.routing;

import java.util.concurrent.CompletableFuture;

/**
 * Asks whether the callee subject may be contacted for a purpose on a channel. The real gate
 * (platform adapter + caches + revocation) comes with the privacy controls; implementations must
 * answer {@link ConsentVerdict.Outcome#UNAVAILABLE} rather than complete exceptionally.
 */
@FunctionalInterface
public interface ConsentGate {
    CompletableFuture<ConsentVerdict> check(String subjectId, String purpose, Channel channel);
}
