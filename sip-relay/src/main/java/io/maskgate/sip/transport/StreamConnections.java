package io.maskgate.sip.transport;

import io.maskgate.sip.codec.SipMessage;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The open TCP and TLS connections, by transport and remote address: connections peers opened to
 * us and connections we opened, so that a message to an address reuses a connection to it (RFC
 * 3261 section 18.1.1: a request to a destination with an open connection uses it) and a connection
 * is opened on demand otherwise. Closed connections (idle timeout, peer reset) leave the map.
 *
 * <p>Opening is asynchronous and bounded by the connect timeout; messages sent while it is under
 * way are written in the order sent once it is up, and all fail when it fails: a refused or timed
 * out connection is a transport error (RFC 3261 section 18.4), which a client transaction reports
 * and the B2BUA treats as an unreachable trunk. Thread-safe.
 */
final class StreamConnections {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StreamConnections.class);

    /** Opens a connection; the channel's pipeline is the same as that of an accepted one. */
    @FunctionalInterface
    interface Connector {
        ChannelFuture connect(SipTransportType transport, InetSocketAddress remote, EventLoop preferred);
    }

    private record Key(SipTransportType transport, InetSocketAddress remote) {
    }

    private final ConcurrentMap<Key, ChannelFuture> connections = new ConcurrentHashMap<>();
    private final Connector connector;
    private final int maxConnections;
    private final SipMetrics metrics;

    StreamConnections(Connector connector, int maxConnections, SipMetrics metrics) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.maxConnections = maxConnections;
        this.metrics = metrics;
    }

    /**
     * Adds a connection a peer opened to us; it leaves the map when it closes. Beyond
     * {@code maxConnections} the connection is closed at once (a flood of connections must not
     * exhaust file descriptors or memory).
     */
    void accepted(Channel channel, SipTransportType transport) {
        if (connections.size() >= maxConnections) {
            log.debug("{} connection from {} closed: {} connections open", transport.label(), channel.remoteAddress(),
                    maxConnections);
            metrics.connectionRefused(transport);
            channel.close();
            return;
        }
        Key key = new Key(transport, (InetSocketAddress) channel.remoteAddress());
        ChannelFuture done = channel.newSucceededFuture();
        // a connection we opened to the same address stays the one used
        if (connections.putIfAbsent(key, done) == null) {
            channel.closeFuture().addListener(f -> connections.remove(key, done));
        }
    }

    /**
     * Sends {@code message} over the connection to {@code remote}, opening one when there is none.
     *
     * @param preferred the loop a new connection is registered on (the caller's, so writes from the
     *     call's loop need no hand-over); any loop of the group otherwise
     */
    CompletableFuture<Void> send(SipMessage message, SipTransportType transport, InetSocketAddress remote,
            EventLoop preferred) {
        Key key = new Key(transport, remote);
        ChannelFuture connection = connections.get(key);
        if (connection == null || isDead(connection)) {
            if (connection != null) {
                connections.remove(key, connection);
            }
            if (connections.size() >= maxConnections) {
                return CompletableFuture.failedFuture(SipTransportException.tooManyConnections(maxConnections));
            }
            connection = connections.computeIfAbsent(key, k -> open(k, preferred));
        }
        CompletableFuture<Void> sent = new CompletableFuture<>();
        connection.addListener(f -> {
            if (!f.isSuccess()) {
                sent.completeExceptionally(SipTransportException.connectFailed(transport, remote, f.cause()));
                return;
            }
            Channel ch = ((ChannelFuture) f).channel();
            if (!message.isRequest()) {
                metrics.responseSent(message.statusCode());
            }
            ch.writeAndFlush(message).addListener(w -> {
                if (w.isSuccess()) {
                    sent.complete(null);
                } else {
                    sent.completeExceptionally(w.cause());
                }
            });
        });
        return sent;
    }

    private ChannelFuture open(Key key, EventLoop preferred) {
        ChannelFuture f = connector.connect(key.transport(), key.remote(), preferred);
        f.addListener(done -> {
            if (done.isSuccess()) {
                metrics.connectionOpened(key.transport());
                f.channel().closeFuture().addListener(c -> connections.remove(key, f));
            } else {
                metrics.connectFailed(key.transport());
                connections.remove(key, f);
            }
        });
        return f;
    }

    /** Failed, or opened and closed since: the next message opens a new one. */
    private static boolean isDead(ChannelFuture f) {
        return f.isDone() && (!f.isSuccess() || !f.channel().isActive());
    }

    /** Connections open or being opened. */
    int size() {
        return connections.size();
    }

    @Override
    public String toString() {
        return "StreamConnections[" + connections.size() + "/" + maxConnections + "]";
    }
}
