package io.maskgate.core.routing;

import java.util.concurrent.CompletableFuture;

/** The quick-start consent source: every subject, purpose and channel is granted. */
public final class AllowAllConsent implements ConsentGate {
    private static final CompletableFuture<ConsentVerdict> GRANTED =
            CompletableFuture.completedFuture(ConsentVerdict.granted("static-allow-all"));

    @Override
    public CompletableFuture<ConsentVerdict> check(String subjectId, String purpose, Channel channel) {
        return GRANTED;
    }
}
