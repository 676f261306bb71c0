package io.maskgate.core.session.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.EpollProvider;
import io.lettuce.core.resource.IOUringProvider;
import io.lettuce.core.resource.NettyCustomizer;
import io.lettuce.core.resource.Transports;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the lettuce client, its resources and the shared connection, configured to fail closed,
 * and, when asked, one more connection per SIP event loop ({@link #openLoopConnections}).
 *
 * <p>The first connect happens in the background and is retried until it succeeds, so a gateway
 * whose Redis is down at start-up still starts (and reports not-ready) instead of exiting. Until
 * then {@link #commands()} is empty and the store answers "unavailable". After the first connect,
 * lettuce's watchdog reconnects by itself; meanwhile commands are rejected at once
 * ({@code REJECT_COMMANDS}) rather than queued.
 *
 * <p>One connector per gateway process is shared by everything that talks to Redis (session
 * store, consent cache, message-id map, event stream): lettuce multiplexes one connection, and a
 * single place owns the fail-closed options. {@link #commands()} answers with the calling event
 * loop's own connection where there is one, so the callers need not know which they got.
 */
public final class RedisConnector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisConnector.class);
    private static final RedisCodec<String, byte[]> CODEC = StringBytesCodec.INSTANCE;
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    /**
     * Flushes at most this many commands' writes apart; below it, every write queued in one event
     * loop turn leaves in one flush.
     */
    static final int MAX_WRITES_PER_FLUSH = 256;
    /**
     * lettuce flushes every command on its own: one write(2) to Redis per command, and one read
     * and reply turn in Redis for each. Commands issued while the event loop decodes replies (the
     * next step of a relayed message starts there) or queued by other threads in the same loop
     * turn are written together instead: at the end of the read, or in one flush task, never
     * later. Nothing waits for more commands to arrive, so a lone command costs only a task hop.
     */
    private static final NettyCustomizer FLUSH_CONSOLIDATION = new NettyCustomizer() {
        @Override
        public void afterChannelInitialized(Channel channel) {
            channel.pipeline().addFirst(new FlushConsolidationHandler(MAX_WRITES_PER_FLUSH, true));
        }
    };

    private final RedisStoreOptions options;
    private final ClientResources resources;
    private final RedisClient client;
    private final RedisURI uri;
    private volatile StatefulRedisConnection<String, byte[]> connection;
    private volatile LoopConnections loopConnections = LoopConnections.NONE;
    private volatile boolean closed;

    public RedisConnector(RedisStoreOptions options) {
        this.options = options;
        this.uri = RedisURI.create(options.uri());
        this.uri.setTimeout(options.commandTimeout());
        // The password is read at every (re)connect, so a rotated one is picked up without a restart.
        options.password().ifPresent(source -> this.uri.setCredentialsProvider(
                io.lettuce.core.RedisCredentialsProvider.from(() -> io.lettuce.core.RedisCredentials.just(null, source.get()))));
        this.resources = ClientResources.builder()
                .reconnectDelay(Delay.equalJitter(FIRST_RETRY, options.maxReconnectDelay(), 2, TimeUnit.MILLISECONDS))
                .nettyCustomizer(FLUSH_CONSOLIDATION)
                .build();
        this.client = RedisClient.create(resources);
        this.client.setOptions(clientOptions(options));
    }

    /** Starts connecting in the background; returns at once. */
    public void start() {
        new FirstConnect(client, uri, resources.eventExecutorGroup(), options.maxReconnectDelay(), () -> closed,
                this::onConnected, (error, delay) -> LOG.warn("Redis not reachable at start-up ({}); retrying in {} ms",
                        error.getClass().getSimpleName(), delay.toMillis()))
                .start(FIRST_RETRY);
    }

    /**
     * The async API when connected at least once (lettuce then handles reconnects), else empty.
     * Called on an event loop with a connection of its own ({@link #openLoopConnections}) that is
     * open, that connection's.
     */
    public Optional<RedisAsyncCommands<String, byte[]>> commands() {
        StatefulRedisConnection<String, byte[]> own = loopConnections.forCurrentThread();
        if (own != null) {
            return Optional.of(own.async());
        }
        StatefulRedisConnection<String, byte[]> c = connection;
        return c == null ? Optional.empty() : Optional.of(c.async());
    }

    /**
     * Opens one more connection on each loop of {@code loops}, used by {@link #commands()} when
     * called on that loop (see {@link LoopConnections} for why). {@code socketChannelClass} is the
     * socket channel class those loops host: when it is not the one lettuce uses (native epoll
     * on one side, NIO on the other), lettuce's channels cannot live on them, and nothing is
     * opened. The caller closes the result before it shuts the loops down; opening again replaces
     * (and closes) the previous set.
     */
    public LoopConnections openLoopConnections(EventLoopGroup loops, Class<? extends Channel> socketChannelClass) {
        if (!Transports.socketChannelClass().equals(socketChannelClass)) {
            LOG.info("Redis commands from event loops stay on the shared connection: the loops host {}, lettuce {}",
                    socketChannelClass.getSimpleName(), Transports.socketChannelClass().getSimpleName());
            return LoopConnections.NONE;
        }
        LoopConnections opened = LoopConnections.open(loops, resources, uri, clientOptions(options), FIRST_RETRY,
                options.maxReconnectDelay());
        LoopConnections previous = loopConnections;
        loopConnections = opened;
        previous.close();
        return opened;
    }

    /**
     * A separate pub/sub connection (Redis needs one: a subscribed connection accepts no other
     * commands), with the same fail-closed options. The caller owns and closes it.
     */
    public java.util.concurrent.CompletionStage<io.lettuce.core.pubsub.StatefulRedisPubSubConnection<String, byte[]>> connectPubSub() {
        return client.connectPubSubAsync(CODEC, uri);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        loopConnections.close();
        StatefulRedisConnection<String, byte[]> c = connection;
        if (c != null) {
            c.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    static ClientOptions clientOptions(RedisStoreOptions o) {
        return ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(o.requestQueueSize())
                .timeoutOptions(TimeoutOptions.enabled(o.commandTimeout()))
                .socketOptions(socketOptions(o))
                .build();
    }

    static SocketOptions socketOptions(RedisStoreOptions o) {
        Duration interval = o.keepAlive().dividedBy(5).compareTo(Duration.ofSeconds(1)) < 0
                ? Duration.ofSeconds(1) : o.keepAlive().dividedBy(5);
        SocketOptions.Builder socket = SocketOptions.builder()
                .connectTimeout(o.connectTimeout())
                .tcpNoDelay(true)
                // Idle/interval/count are applied on epoll, io_uring, and NIO through the JDK's
                // extended socket options (Linux, macOS).
                .keepAlive(SocketOptions.KeepAliveOptions.builder()
                        .enable().idle(o.keepAlive()).interval(interval).count(3).build());
        // TCP_USER_TIMEOUT exists only with netty's native transports; NIO has no such option, so
        // there keep-alive and the command timeout bound a silent outage instead.
        if (EpollProvider.isAvailable() || IOUringProvider.isAvailable()) {
            socket.tcpUserTimeout(SocketOptions.TcpUserTimeoutOptions.builder()
                    .enable().tcpUserTimeout(o.tcpUserTimeout()).build());
        }
        return socket.build();
    }

    private void onConnected(StatefulRedisConnection<String, byte[]> c) {
        connection = c;
        LOG.info("Redis session store connected");
    }
}
