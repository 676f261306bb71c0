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

    NettySipConnection(Channel channel, SipTransportType transport, InetSocketAddress local, InetSocketAddress remote,
            SipMetrics metrics) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.transport = transport;
        this.local = local;
        this.remote = remote;
        this.metrics = metrics;
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
        Object out = transport.isStream() ? message : new DefaultAddressedEnvelope<>(message, remote, local);
        if (!message.isRequest()) {
            metrics.responseSent(message.statusCode());
        }
        return toCompletable(channel.writeAndFlush(out));
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
