package io.maskgate.core.consent;

import io.maskgate.core.routing.Channel;
import io.maskgate.core.routing.ConsentGate;
import io.maskgate.core.routing.ConsentVerdict;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A gate that asks its source every time, with no cache and no Redis: for the single-node quick
 * start with a {@link StaticConsentSource}. Any failure, a slow source (beyond {@code timeout}) or a
 * malformed query answers UNAVAILABLE; the future never completes exceptionally.
 */
public final class UncachedConsentGate implements ConsentGate {

    private final ConsentSource source;
    private final Duration timeout;

    public UncachedConsentGate(ConsentSource source, Duration timeout) {
        this.source = Objects.requireNonNull(source, "source");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public CompletableFuture<ConsentVerdict> check(String subjectId, String purpose, Channel channel) {
        try {
            return source.ask(new ConsentQuery(subjectId, purpose, channel))
                    .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .handle((answer, error) -> error == null ? answer.toVerdict() : ConsentVerdict.unavailable());
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(ConsentVerdict.unavailable());
        }
    }
}
