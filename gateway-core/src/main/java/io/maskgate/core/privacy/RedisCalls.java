package io.maskgate.core.privacy;

import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The privacy code's access to the shared Redis connection: async calls with a backstop timeout,
 * and blocking ones for the worker threads (erasure, retention, the audit writer) that may wait.
 * Never used on a signalling or event-loop thread in its blocking form.
 */
public final class RedisCalls {

    private final Supplier<Optional<RedisAsyncCommands<String, byte[]>>> commands;
    private final Duration timeout;

    /**
     * @param commands the shared connection's async API, empty while not connected
     * @param timeout backstop per command, above the connection's own command timeout
     */
    public RedisCalls(Supplier<Optional<RedisAsyncCommands<String, byte[]>>> commands, Duration timeout) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    <T> CompletableFuture<T> call(String operation, Function<RedisAsyncCommands<String, byte[]>, CompletionStage<T>> command) {
        Optional<RedisAsyncCommands<String, byte[]>> redis = commands.get();
        if (redis.isEmpty()) {
            return CompletableFuture.failedFuture(new PrivacyStoreException(operation, null));
        }
        try {
            return command.apply(redis.get()).toCompletableFuture().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new PrivacyStoreException(operation, e));
        }
    }

    /** Blocks for at most the backstop. @throws PrivacyStoreException when Redis fails or is slow */
    <T> T sync(String operation, Function<RedisAsyncCommands<String, byte[]>, CompletionStage<T>> command) {
        try {
            return call(operation, command).get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PrivacyStoreException(operation, e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw cause instanceof PrivacyStoreException p ? p : new PrivacyStoreException(operation, cause);
        }
    }

    static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }
}
