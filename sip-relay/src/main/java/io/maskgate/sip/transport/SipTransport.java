package io.maskgate.sip.transport;

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
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIP listeners: UDP and TCP on the addresses of {@link SipTransportOptions}, IPv4 and IPv6.
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
    private final SipParser parser = new SipParser();
    private final SipEncoder encoder = new SipEncoder();
    private final InboundScreen screen;
    private final OptionsResponder optionsResponder;
    private final CallIdDispatcher dispatcher;
    private final SipInbound application;
    private final SipMetrics metrics;

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
        this.optionsResponder = new OptionsResponder(screen.requests().inviteContentTypes(),
                screen.requests().supportedExtensions());
    }

    /**
     * Binds all listeners.
     *
     * @throws SipTransportException when an address cannot be bound; nothing stays bound then
     */
    public static SipTransport start(SipTransportOptions options, InboundScreen screen, SipInbound application,
            MeterRegistry registry) {
        SipTransport t = new SipTransport(Objects.requireNonNull(options, "options"),
                Objects.requireNonNull(screen, "screen"), Objects.requireNonNull(application, "application"),
                Objects.requireNonNull(registry, "registry"));
        try {
            options.udpBindAddresses().forEach(t::bindUdp);
            options.tcpBindAddresses().forEach(t::bindTcp);
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
        log.info("SIP transport started ({}): udp={} tcp={}", t.epoll ? "epoll" : "nio", t.udpLocalAddresses(),
                t.tcpLocalAddresses());
        return t;
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

    private Bootstrap udpBootstrap(EventLoopGroup loop) {
        Bootstrap b = new Bootstrap().group(loop)
                .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, options.udpReceiveBufferBytes())
                // Netty reads datagrams into 2 KiB buffers by default and truncates the rest
                .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(options.maxDatagramBytes()))
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        ch.pipeline().addLast("decoder", new SipDatagramDecoder(parser, options.maxDatagramBytes()))
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

    private void bindTcp(InetSocketAddress address) {
        ServerBootstrap b = new ServerBootstrap().group(group)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast("idle", new IdleStateHandler(0, 0, options.tcpIdleTimeout().toMillis(),
                                        TimeUnit.MILLISECONDS))
                                .addLast("decoder", new SipStreamFrameDecoder(parser, options.maxHeaderBytes(),
                                        options.maxBodyBytes()))
                                .addLast("encoder", encoder)
                                .addLast("handler", handler(SipTransportType.TCP));
                    }
                });
        tcpChannels.add(awaitBind(b.bind(address), address));
    }

    private SipInboundHandler handler(SipTransportType type) {
        return new SipInboundHandler(type, screen, optionsResponder, dispatcher, application, metrics);
    }

    private static Channel awaitBind(io.netty.channel.ChannelFuture f, InetSocketAddress address) {
        f.awaitUninterruptibly();
        if (!f.isSuccess()) {
            throw SipTransportException.bindFailed(address, f.cause());
        }
        return f.channel();
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
     * that socket's port. TCP/TLS connections are not opened by this version: such a send
     * completes exceptionally with {@link UnsupportedOperationException}.
     */
    public CompletableFuture<Void> send(SipMessage message, SipTransportType transport, InetSocketAddress remote) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(remote, "remote");
        if (transport != SipTransportType.UDP) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException(
                    "outbound " + transport.label() + " connections are not supported"));
        }
        Channel channel = udpChannelFor(remote);
        if (channel == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no UDP socket for " + remote));
        }
        return new NettySipConnection(channel, SipTransportType.UDP, (InetSocketAddress) channel.localAddress(), remote,
                metrics).send(message);
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

    /** Number of UDP sockets bound (tests and diagnostics). */
    public int udpSocketCount() {
        return udpChannels.size();
    }

    public boolean usesEpoll() {
        return epoll;
    }

    /**
     * Graceful drain: out-of-dialog OPTIONS are answered 503 with Retry-After from now on, so
     * carriers' keep-alives fail over; everything else still flows.
     */
    public void drain(java.time.Duration retryAfter) {
        optionsResponder.drain(retryAfter.toSeconds());
    }

    @Override
    public void close() {
        udpChannels.forEach(c -> c.close().awaitUninterruptibly());
        tcpChannels.forEach(c -> c.close().awaitUninterruptibly());
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    @Override
    public String toString() {
        return "SipTransport[" + (epoll ? "epoll" : "nio") + ", udp=" + udpLocalAddresses() + ", tcp="
                + tcpLocalAddresses() + "]";
    }

}
