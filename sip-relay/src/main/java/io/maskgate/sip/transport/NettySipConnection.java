package io.maskgate.sip.transport;

import io.maskgate.sip.codec.SipMessage;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.DefaultAddressedEnvelope;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * {@link SipConnection} on a Netty channel. For UDP one instance per (socket, source address)
 * seen, written as addressed envelopes to the source; for TCP one per connection.
 */
final class NettySipConnection implements SipConnection {

    private final Channel channel;
    private final SipTransportType transport;
    private final InetSocketAddress local;
    private final InetSocketAddress remote;
    private final SipMetrics metrics;
    private final StreamConnections reconnect;

    NettySipConnection(Channel channel, SipTransportType transport, InetSocketAddress local, InetSocketAddress remote,
            SipMetrics metrics) {
        this(channel, transport, local, remote, metrics, null);
    }

    /** @param reconnect for a stream: where a response goes when this connection closed (RFC 3261 section 18.2.2) */
    NettySipConnection(Channel channel, SipTransportType transport, InetSocketAddress local, InetSocketAddress remote,
            SipMetrics metrics, StreamConnections reconnect) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.transport = transport;
        this.local = local;
        this.remote = remote;
        this.metrics = metrics;
        this.reconnect = reconnect;
    }

    @Override
    public SipTransportType transport() {
        return transport;
    }

    @Override
    public InetSocketAddress local() {
        return local;
    }

    @Override
    public InetSocketAddress remote() {
        return remote;
    }

    @Override
    public CompletableFuture<Void> send(SipMessage message) {
        if (transport.isStream() && reconnect != null && !channel.isActive() && !message.isRequest()) {
            return reconnect.send(message, transport, reopenAddress(message), null);
        }
        Object out = transport.isStream() ? message : new DefaultAddressedEnvelope<>(message, remote, local);
        if (!message.isRequest()) {
            metrics.responseSent(message.statusCode());
        }
        return toCompletable(channel.writeAndFlush(out));
    }

    /**
     * RFC 3261 section 18.2.2: when the connection a request came on is gone, the response goes over
     * a new connection "to the IP address in the received parameter ... using the port in the
     * sent-by value, or the default port for that transport". The received address is the one the
     * connection came from.
     */
    private InetSocketAddress reopenAddress(SipMessage response) {
        int defaultPort = transport == SipTransportType.TLS ? 5061 : 5060;
        int port = response.vias().isEmpty() ? defaultPort : response.vias().get(0).port().orElse(defaultPort);
        return new InetSocketAddress(remote.getAddress(), port);
    }

    /** Sends bytes we rendered ourselves (a stateless reply to a message that did not parse). */
    CompletableFuture<Void> sendRendered(byte[] wire, int statusCode) {
        Object out = transport.isStream() ? Unpooled.wrappedBuffer(wire)
                : new DatagramPacket(Unpooled.wrappedBuffer(wire), remote, local);
        metrics.responseSent(statusCode);
        return toCompletable(channel.writeAndFlush(out));
    }

    /** RFC 5626 section 4.4.1: the answer to a double-CRLF ping is a single CRLF pong. */
    void sendPong() {
        channel.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {'\r', '\n'}));
    }

    /** Closes a stream connection once everything written so far has left. */
    void closeAfterWrites() {
        if (transport.isStream()) {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static CompletableFuture<Void> toCompletable(ChannelFuture f) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        f.addListener(done -> {
            if (done.isSuccess()) {
                result.complete(null);
            } else {
                result.completeExceptionally(done.cause());
            }
        });
        return result;
    }

    @Override
    public String toString() {
        return "SipConnection[" + transport.label() + " " + local + " <- " + remote + "]";
    }
}
