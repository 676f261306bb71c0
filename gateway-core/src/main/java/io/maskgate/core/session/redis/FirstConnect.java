package io.maskgate.core.session.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.netty.util.concurrent.EventExecutorGroup;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's first connect, tried in the background and retried with doubling delays (up to a
 * ceiling) until it succeeds or its owner closes. lettuce's own watchdog reconnects only a
 * connection that was once up, so this covers a Redis that is down when the gateway starts.
 *
 * @param client connects with {@link StringBytesCodec}
 * @param retries where the retries are scheduled
 * @param closed true once the owner closed: no more tries, and a connection made after that is closed
 * @param onConnected takes the connection (not called once {@code closed})
 * @param onRetry hears of each failed try and the delay before the next, for the owner's log
 */
record FirstConnect(RedisClient client, RedisURI uri, EventExecutorGroup retries, Duration maxDelay,
                    BooleanSupplier closed, Consumer<StatefulRedisConnection<String, byte[]>> onConnected,
                    BiConsumer<Throwable, Duration> onRetry) {

    private static final Logger LOG = LoggerFactory.getLogger(FirstConnect.class);

    /** Tries now; after a failure, again in {@code firstDelay}, then twice as long each time. */
    void start(Duration firstDelay) {
        attempt(firstDelay);
    }

    private void attempt(Duration nextDelay) {
        if (closed.getAsBoolean()) {
            return;
        }
        client.connectAsync(StringBytesCodec.INSTANCE, uri).whenComplete((connection, error) -> {
            if (error == null) {
                if (closed.getAsBoolean()) {
                    connection.closeAsync();
                } else {
                    onConnected.accept(connection);
                }
                return;
            }
            Duration doubled = nextDelay.multipliedBy(2);
            Duration after = doubled.compareTo(maxDelay) > 0 ? maxDelay : doubled;
            onRetry.accept(error, nextDelay);
            if (closed.getAsBoolean()) {
                return;
            }
            try {
                retries.schedule(() -> attempt(after), nextDelay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                LOG.debug("Redis connect retry not scheduled: resources are shutting down");
            }
        });
    }
}
