package io.maskgate.server.admin;

import io.maskgate.server.config.ListenAddress;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The admin HTTP/1.1 listener. Owns only its server channel: the event loops are shared
 * resources, passed in and shut down by their owner.
 *
 * <p>Pipeline: {@link ReadTimeoutHandler} (drops idle or trickling connections),
 * {@link HttpServerCodec}, {@link BodyLimitAggregator} (answers 413 when a body exceeds the limit,
 * before buffering it), {@link AdminHttpHandler}.
 */
public final class AdminServer implements AutoCloseable {

    /** Seconds a connection may stay silent (idle keep-alive or a slow body) before it is closed. */
    public static final int READ_TIMEOUT_SECONDS = 60;

    private final Channel channel;

    private AdminServer(Channel channel) {
        this.channel = channel;
    }

    /**
     * Binds and starts serving; blocks until bound (start-up only).
     *
     * @throws IllegalStateException naming the address when it cannot be bound
     */
    public static AdminServer start(ListenAddress listen, int maxBodyBytes, RouteTable routes,
            Authenticator authenticator, AdminMetrics metrics, EventLoopGroup acceptor, EventLoopGroup workers) {
        Objects.requireNonNull(listen, "listen");
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptor, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 128)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new ReadTimeoutHandler(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS))
                                .addLast(new HttpServerCodec())
                                .addLast(new BodyLimitAggregator(maxBodyBytes, metrics))
                                .addLast(new AdminHttpHandler(routes, authenticator, metrics));
                    }
                });
        var bound = bootstrap.bind(listen.host(), listen.port()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new IllegalStateException("cannot bind the admin API to " + listen, bound.cause());
        }
        return new AdminServer(bound.channel());
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Stops accepting; connections in progress are closed with their event loops. */
    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
    }
}
