package io.maskgate.core.session.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.EventLoopGroupProvider;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One more Redis connection on each event loop of a group that asks Redis from its own threads
 * (the SIP relay's loops), opened by {@link RedisConnector#openLoopConnections}.
 *
 * <p>Why: through the shared connection a command issued on a SIP loop is handed to lettuce's
 * loop to be written, and its reply is handed back to the SIP loop to go on with the call. On a
 * CPU-bound box each hand-off is a thread wake-up that can wait behind other runnable threads,
 * and it costs CPU of its own. A command issued on a loop that has its own connection is written,
 * answered and continued on that loop's thread.
 *
 * <p>Each connection has the shared one's fail-closed options (commands are rejected while it is
 * down, never queued). Until a loop's connection first comes up, and whenever it is not open,
 * that loop's commands use the shared connection; so opening these never makes Redis less
 * available than the shared connection alone.
 *
 * <p>Close this before the loops shut down: the connections live on them.
 */
public final class LoopConnections implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LoopConnections.class);

    /** No connections: before any are opened, and for loops that lettuce's channels cannot live on. */
    static final LoopConnections NONE = new LoopConnections();

    private final Slot[] slots;
    private volatile boolean closed;

    private LoopConnections() {
        this.slots = new Slot[0];
    }

    private LoopConnections(EventLoopGroup loops, ClientResources shared, ClientOptions options) {
        List<Slot> made = new ArrayList<>();
        for (EventExecutor executor : loops) {
            if (executor instanceof EventLoop loop) {
                ClientResources resources = shared.mutate().eventLoopGroupProvider(new OneLoop(loop)).build();
                RedisClient client = RedisClient.create(resources);
                client.setOptions(options);
                made.add(new Slot(loop, resources, client));
            }
        }
        this.slots = made.toArray(Slot[]::new);
    }

    static LoopConnections open(EventLoopGroup loops, ClientResources shared, RedisURI uri,
                                ClientOptions options, Duration firstRetry, Duration maxRetry) {
        LoopConnections connections = new LoopConnections(loops, shared, options);
        for (Slot slot : connections.slots) {
            new FirstConnect(slot.client, uri, slot.resources.eventExecutorGroup(), maxRetry, () -> connections.closed,
                    c -> slot.connection = c, (error, delay) -> LOG.debug(
                            "Redis connection for an event loop not up ({}); retrying in {} ms",
                            error.getClass().getSimpleName(), delay.toMillis()))
                    .start(firstRetry);
        }
        return connections;
    }

    /** How many loops have a connection of their own that is open now. */
    public int openCount() {
        int open = 0;
        for (Slot slot : slots) {
            StatefulRedisConnection<String, byte[]> c = slot.connection;
            if (c != null && c.isOpen()) {
                open++;
            }
        }
        return open;
    }

    /** The open connection of the loop the caller runs on; null off our loops or while it is not open. */
    StatefulRedisConnection<String, byte[]> forCurrentThread() {
        for (Slot slot : slots) {
            if (slot.loop.inEventLoop()) {
                StatefulRedisConnection<String, byte[]> c = slot.connection;
                return c != null && c.isOpen() && !closed ? c : null;
            }
        }
        return null;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Slot slot : slots) {
            slot.close();
        }
    }

    /** One loop, its client (bound to that loop by {@link OneLoop}) and, once made, its connection. */
    private static final class Slot {
        final EventLoop loop;
        final ClientResources resources;
        final RedisClient client;
        volatile StatefulRedisConnection<String, byte[]> connection;

        Slot(EventLoop loop, ClientResources resources, RedisClient client) {
            this.loop = loop;
            this.resources = resources;
            this.client = client;
        }

        void close() {
            // The client closes its connection (closing it here first makes lettuce warn that it is
            // already closed). The loop is not ours to stop: OneLoop's release and shutdown do
            // nothing. The resources are not shut down at all: mutate() shares the connector's
            // timer and executors and copies its claim to own them, so shutting them down here
            // would stop the connector's.
            client.shutdownAsync(0, 2, TimeUnit.SECONDS);
        }
    }

    /**
     * Hands lettuce one loop as its whole group, so that every channel of the client is registered
     * on it. The loop belongs to its owner: releasing or shutting it down here does nothing.
     */
    private record OneLoop(EventLoop loop) implements EventLoopGroupProvider {
        @Override
        @SuppressWarnings("unchecked")
        public <T extends EventLoopGroup> T allocate(Class<T> type) {
            // lettuce asks for the group class of its transport and uses it only as an EventLoopGroup
            return (T) loop;
        }

        @Override
        public int threadPoolSize() {
            return 1;
        }

        @Override
        public Future<Boolean> release(EventExecutorGroup group, long quietPeriod, long timeout, TimeUnit unit) {
            return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
        }

        @Override
        public Future<Boolean> shutdown(long quietPeriod, long timeout, TimeUnit unit) {
            return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
        }
    }
}
