package io.maskgate.sip.transport;

import io.maskgate.sip.codec.ParserWarmUp;
import io.maskgate.sip.codec.SipDatagramDecoder;
import io.maskgate.sip.codec.SipEncoder;
import io.maskgate.sip.codec.SipMessage;
import io.maskgate.sip.codec.SipParser;
import io.maskgate.sip.codec.SipStreamFrameDecoder;
import io.maskgate.sip.screen.InboundScreen;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.handler.ssl.SslHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIP listeners: UDP, TCP and TLS on the addresses of {@link SipTransportOptions}, IPv4 and
 * IPv6; and the connections the gateway opens ({@link StreamConnections}).
 *
 * <p>On Linux with Netty's native epoll transport every UDP address gets one socket per event
 * loop, bound with SO_REUSEPORT, so the kernel spreads datagrams over all loops; elsewhere NIO
 * and one socket per address. Decoded messages are screened on the loop that read them, then
 * handed to the {@link SipInbound} on the loop of their Call-ID ({@link CallIdDispatcher}).
 *
 * <p>Lifecycle: {@link #start} binds everything or fails (and releases what it took);
 * {@link #close} unbinds and stops the loops.
 */
public final class SipTransport implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SipTransport.class);

    private final SipTransportOptions options;
    private final EventLoopGroup group;
    private final boolean epoll;
    private final List<Channel> udpChannels = new ArrayList<>();
    private final List<Channel> tcpChannels = new ArrayList<>();
    private final List<Channel> tlsChannels = new ArrayList<>();
    private final Optional<SipTlsContexts> tls;
    private final SipParser parser = new SipParser();
    private final SipEncoder encoder = new SipEncoder();
    private final InboundScreen screen;
    private final OptionsResponder optionsResponder;
    private final CallIdDispatcher dispatcher;
    private final SipInbound application;
    private final SipMetrics metrics;
    private final StreamConnections connections;
    private final LoopLagProbe loopLag;
    private volatile ReceiveBacklog backlog;

    private SipTransport(SipTransportOptions options, InboundScreen screen, SipInbound application,
            MeterRegistry registry) {
        this.options = options;
        this.screen = screen;
        this.application = application;
        this.metrics = new SipMetrics(registry);
        this.epoll = options.preferNativeTransport() && Epoll.isAvailable();
        this.group = new MultiThreadIoEventLoopGroup(options.ioThreads(), new DefaultThreadFactory("sip-io"),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        List<EventExecutor> loops = new ArrayList<>();
        group.forEach(loops::add);
        this.dispatcher = new CallIdDispatcher(loops);
        this.loopLag = LoopLagProbe.start(loops, LoopLagProbe.DEFAULT_INTERVAL, metrics.loopLag());
        this.backlog = ReceiveBacklog.none(options.receiveBacklog());
        metrics.receiveQueueFill(() -> backlog);
        this.optionsResponder = new OptionsResponder(screen.requests().inviteContentTypes(),
                screen.requests().supportedExtensions(), () -> backlog.answerOptionsWith503());
        this.connections = new StreamConnections(this::connect, options.maxConnections(), metrics);
        this.tls = options.tls().map(t -> new SipTlsContexts(t, options.connectTimeout().toMillis()));
    }

    /**
     * Binds all listeners.
     *
     * @throws SipTransportException when an address cannot be bound; nothing stays bound then
     */
    public static SipTransport start(SipTransportOptions options, InboundScreen screen, SipInbound application,
            MeterRegistry registry) {
        warmUpParser(Objects.requireNonNull(options, "options").parserWarmUpCalls());
        SipTransport t = new SipTransport(options,
                Objects.requireNonNull(screen, "screen"), Objects.requireNonNull(application, "application"),
                Objects.requireNonNull(registry, "registry"));
        try {
            options.udpBindAddresses().forEach(t::bindUdp);
            t.watchUdpQueues();
            options.tcpBindAddresses().forEach(a -> t.bindStream(a, SipTransportType.TCP, t.tcpChannels));
            options.tls().ifPresent(tls -> tls.bindAddresses()
                    .forEach(a -> t.bindStream(a, SipTransportType.TLS, t.tlsChannels)));
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
        log.info("SIP transport started ({}): udp={} tcp={} tls={}", t.epoll ? "epoll" : "nio", t.udpLocalAddresses(),
                t.tcpLocalAddresses(), t.tlsLocalAddresses());
        return t;
    }

    /** Before the ports open: a carrier's first calls should not wait for the JIT to compile the parser. */
    private static void warmUpParser(int calls) {
        if (calls == 0) {
            return;
        }
        long t0 = System.nanoTime();
        int failed = ParserWarmUp.run(new SipParser(), calls);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (failed > 0) {
            log.warn("SIP parser warm-up: {} of its messages did not parse", failed);
        }
        log.info("SIP parser warmed up with {} calls' messages in {} ms", calls, ms);
    }

    private void bindUdp(InetSocketAddress address) {
        // with SO_REUSEPORT, one socket per loop; the first picks the port when asked for port 0
        int sockets = epoll ? options.ioThreads() : 1;
        InetSocketAddress bindTo = address;
        for (EventExecutor loop : group) {
            if (sockets-- == 0) {
                break;
            }
            Channel ch = awaitBind(udpBootstrap((EventLoopGroup) loop).bind(bindTo), address);
            udpChannels.add(ch);
            bindTo = (InetSocketAddress) ch.localAddress();
            checkReceiveBuffer((DatagramChannel) ch);
        }
    }

    /** What the kernel knows of the UDP sockets' queues: drops (on scrape) and the backlog (sampled). */
    private void watchUdpQueues() {
        if (!udpChannels.isEmpty() && ProcNetUdp.available(ProcNetUdp.PROC_NET)) {
            ProcNetUdp table = new ProcNetUdp(ProcNetUdp.PROC_NET,
                    udpLocalAddresses().stream().map(InetSocketAddress::getPort).collect(Collectors.toSet()));
            metrics.udpReceiveDrops(new UdpReceiveDrops(table));
            long buffer = udpChannels.stream()
                    .mapToLong(c -> ((DatagramChannel) c).config().getReceiveBufferSize()).min().orElseThrow();
            backlog = ReceiveBacklog.start(table, buffer, options.receiveBacklog());
        }
    }

    private Bootstrap udpBootstrap(EventLoopGroup loop) {
        Bootstrap b = new Bootstrap().group(loop)
                .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, options.udpReceiveBufferBytes())
                // Netty reads datagrams into 2 KiB buffers by default and truncates the rest
                .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(options.maxDatagramBytes()))
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        ch.pipeline().addLast("decoder", new SipDatagramDecoder(parser, options.maxDatagramBytes(), true))
                                .addLast("encoder", encoder)
                                .addLast("handler", handler(SipTransportType.UDP));
                    }
                });
        if (epoll) {
            b.option(EpollChannelOption.SO_REUSEPORT, true);
        }
        return b;
    }

    /** The kernel caps SO_RCVBUF at net.core.rmem_max; Linux reports twice the granted size. */
    private void checkReceiveBuffer(DatagramChannel ch) {
        int granted = ch.config().getReceiveBufferSize();
        if (granted < options.udpReceiveBufferBytes()) {
            log.warn("UDP receive buffer of {} is {} bytes, asked for {}: raise net.core.rmem_max or expect "
                    + "drops under load", ch.localAddress(), granted, options.udpReceiveBufferBytes());
        }
    }

    /** A TCP or TLS listener; every accepted connection joins {@link StreamConnections}. */
    private void bindStream(InetSocketAddress address, SipTransportType type, List<Channel> into) {
        ServerBootstrap b = new ServerBootstrap().group(group)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (type == SipTransportType.TLS) {
                            ch.pipeline().addLast("tls", tls.orElseThrow().serverHandler(ch.alloc()));
                        }
                        streamPipeline(ch, type);
                        connections.accepted(ch, type);
                    }
                });
        into.add(awaitBind(b.bind(address), address));
    }

    /**
     * The SIP part of every TCP/TLS connection, accepted or opened: the same framing both ways.
     * Over TLS it follows the SslHandler, so it only ever sees plaintext (RFC 3261 section 18.3
     * framing applies inside the TLS stream).
     */
    private void streamPipeline(SocketChannel ch, SipTransportType type) {
        ch.pipeline()
                .addLast("idle", new IdleStateHandler(0, 0, options.tcpIdleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .addLast("decoder", new SipStreamFrameDecoder(parser, options.maxHeaderBytes(), options.maxBodyBytes()))
                .addLast("encoder", encoder)
                .addLast("handler", handler(type));
    }

    /**
     * Opens a connection for {@link StreamConnections}; its responses and requests are read like an
     * accepted one's. Over TLS the returned future completes when the handshake has, so a peer
     * with an untrusted certificate is a failed connect like a refused one.
     */
    private ChannelFuture connect(SipTransportType type, InetSocketAddress remote, EventLoop preferred) {
        ChannelFuture tcp = new Bootstrap().group(preferred != null ? preferred : group.next())
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (type == SipTransportType.TLS) {
                            ch.pipeline().addLast("tls", tls.orElseThrow().clientHandler(ch.alloc(), remote));
                        }
                        streamPipeline(ch, type);
                    }
                })
                .connect(remote);
        if (type != SipTransportType.TLS) {
            return tcp;
        }
        ChannelPromise handshaken = tcp.channel().newPromise();
        tcp.addListener(f -> {
            if (!f.isSuccess()) {
                handshaken.tryFailure(f.cause());
                return;
            }
            tcp.channel().pipeline().get(SslHandler.class).handshakeFuture().addListener(h -> {
                if (h.isSuccess()) {
                    handshaken.trySuccess();
                } else {
                    handshaken.tryFailure(h.cause());
                }
            });
        });
        return handshaken;
    }

    private SipInboundHandler handler(SipTransportType type) {
        return new SipInboundHandler(type, screen, optionsResponder, dispatcher, application, metrics, connections);
    }

    private static Channel awaitBind(io.netty.channel.ChannelFuture f, InetSocketAddress address) {
        f.awaitUninterruptibly();
        if (!f.isSuccess()) {
            throw SipTransportException.bindFailed(address, f.cause());
        }
        return f.channel();
    }

    /**
     * True while a UDP receive queue is full enough that the relay's own retransmissions should
     * wait (see {@link ReceiveBacklogOptions#holdRetransmissionsPercent()}).
     */
    public boolean holdRetransmissions() {
        return backlog.holdRetransmissions();
    }

    /** New overload percents (a conf reload): see {@link ReceiveBacklog#reconfigure}. */
    public void receiveBacklog(ReceiveBacklogOptions options) {
        backlog.reconfigure(options);
    }

    /**
     * The share of new calls (0 .. 1) to refuse at once because a UDP receive queue has stayed
     * backed up (see {@link ReceiveBacklogOptions#shedNewCallsPercent()}).
     */
    public double shedShare() {
        return backlog.shedShare();
    }

    /**
     * The event loop that handles every message of this Call-ID ({@link CallIdDispatcher}); the
     * transaction layer runs a call's timers there so that they never race its messages.
     */
    public EventExecutor loopFor(String callId) {
        return dispatcher.loopFor(callId);
    }

    /**
     * Sends a message the gateway originates (a request of a client transaction, an ACK, a 2xx
     * retransmission) to {@code remote}. Over UDP it leaves from a bound socket of the remote's
     * address family, preferring the one owned by the calling event loop; responses come back to
     * that socket's port. Over TCP/TLS it uses the open connection to {@code remote} (one the peer
     * opened or we did) or opens one, bounded by {@link SipTransportOptions#connectTimeout()}; a
     * connection that cannot be opened fails the returned future with {@link SipTransportException}.
     */
    public CompletableFuture<Void> send(SipMessage message, SipTransportType transport, InetSocketAddress remote) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(remote, "remote");
        if (transport == SipTransportType.TLS && tls.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException("SIP over TLS is not configured"));
        }
        if (transport.isStream()) {
            return connections.send(message, transport, remote, currentLoop());
        }
        Channel channel = udpChannelFor(remote);
        if (channel == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no UDP socket for " + remote));
        }
        return new NettySipConnection(channel, SipTransportType.UDP, (InetSocketAddress) channel.localAddress(), remote,
                metrics).send(message);
    }

    /** The calling thread's loop when it is one of ours: a connection opened from there stays there. */
    private EventLoop currentLoop() {
        for (EventExecutor loop : group) {
            if (loop.inEventLoop()) {
                return (EventLoop) loop;
            }
        }
        return null;
    }

    /** TCP/TLS connections open or being opened, both directions. */
    public int streamConnectionCount() {
        return connections.size();
    }

    private Channel udpChannelFor(InetSocketAddress remote) {
        boolean v6 = remote.getAddress() instanceof Inet6Address;
        Channel any = null;
        for (Channel c : udpChannels) {
            if ((((InetSocketAddress) c.localAddress()).getAddress() instanceof Inet6Address) != v6) {
                continue;
            }
            if (c.eventLoop().inEventLoop()) {
                return c;
            }
            any = any == null ? c : any;
        }
        return any;
    }

    /** The bound UDP addresses (one per socket; with SO_REUSEPORT several sockets share one). */
    public List<InetSocketAddress> udpLocalAddresses() {
        return udpChannels.stream().map(c -> (InetSocketAddress) c.localAddress()).distinct().toList();
    }

    public List<InetSocketAddress> tcpLocalAddresses() {
        return tcpChannels.stream().map(c -> (InetSocketAddress) c.localAddress()).toList();
    }

    public List<InetSocketAddress> tlsLocalAddresses() {
        return tlsChannels.stream().map(c -> (InetSocketAddress) c.localAddress()).toList();
    }

    /** Number of UDP sockets bound (tests and diagnostics). */
    public int udpSocketCount() {
        return udpChannels.size();
    }

    public boolean usesEpoll() {
        return epoll;
    }

    /**
     * The event loops every call runs on, for a client that should answer on the loop that asked
     * (the Redis connections of {@code RedisConnector.openLoopConnections}). Not to be shut down:
     * {@link #close()} does that.
     */
    public EventLoopGroup eventLoops() {
        return group;
    }

    /** The TCP socket channel class these loops host (native epoll or NIO). */
    public Class<? extends io.netty.channel.Channel> socketChannelClass() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /**
     * The Retry-After of every 503 the transport answers OPTIONS with (while new calls are shed, see
     * {@link ReceiveBacklogOptions}, and while draining); the relay sets it once, before traffic.
     */
    public void retryAfter(java.time.Duration retryAfter) {
        optionsResponder.retryAfter(retryAfter.toSeconds());
    }

    /**
     * Graceful drain: out-of-dialog OPTIONS are answered 503 with Retry-After from now on, so
     * carriers' keep-alives fail over; everything else still flows.
     */
    public void drain() {
        optionsResponder.drain();
    }

    @Override
    public void close() {
        loopLag.close();
        backlog.close();
        udpChannels.forEach(c -> c.close().awaitUninterruptibly());
        tcpChannels.forEach(c -> c.close().awaitUninterruptibly());
        tlsChannels.forEach(c -> c.close().awaitUninterruptibly());
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    @Override
    public String toString() {
        return "SipTransport[" + (epoll ? "epoll" : "nio") + ", udp=" + udpLocalAddresses() + ", tcp="
                + tcpLocalAddresses() + ", tls=" + tlsLocalAddresses() + "]";
    }

}
