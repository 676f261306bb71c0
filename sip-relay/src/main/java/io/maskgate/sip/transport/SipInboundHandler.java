package io.maskgate.sip.transport;

import io.maskgate.sip.codec.RetransmissionProbe;
import io.maskgate.sip.codec.SipDecodeResult;
import io.maskgate.sip.codec.SipHeader;
import io.maskgate.sip.codec.SipMessage;
import io.maskgate.sip.screen.InboundScreen;
import io.maskgate.sip.screen.ScreenVerdict;
import io.netty.channel.AddressedEnvelope;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last inbound handler of every SIP channel: screens each decoded frame, answers what the
 * transport answers itself (stateless rejections, keep-alive pings, out-of-dialog OPTIONS) and
 * hands the rest to the {@link SipInbound} on the event loop of its Call-ID.
 *
 * <p>Nothing a peer sends can end the process or the listener: every failure here is contained,
 * logged without message content and counted as dropped.
 */
final class SipInboundHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(SipInboundHandler.class);
    private static final int MAX_UDP_PEERS = 1024;

    private final SipTransportType transport;
    private final InboundScreen screen;
    private final OptionsResponder options;
    private final CallIdDispatcher dispatcher;
    private final SipInbound application;
    private final SipMetrics metrics;
    private final StreamConnections connections;
    private NettySipConnection streamConnection;
    /**
     * The way back to each UDP peer recently heard on this socket, shared by its messages: a server
     * transaction keeps its connection for up to 64*T1, and carriers are a handful of addresses, so
     * one object per peer rather than one per datagram. Bounded (least recently heard goes first);
     * touched only on this channel's event loop.
     */
    private final Map<InetSocketAddress, NettySipConnection> udpPeers = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetSocketAddress, NettySipConnection> eldest) {
            return size() > MAX_UDP_PEERS;
        }
    };

    SipInboundHandler(SipTransportType transport, InboundScreen screen, OptionsResponder options,
            CallIdDispatcher dispatcher, SipInbound application, SipMetrics metrics, StreamConnections connections) {
        this.connections = connections;
        this.transport = transport;
        this.screen = screen;
        this.options = options;
        this.dispatcher = dispatcher;
        this.application = application;
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof AddressedEnvelope<?, ?> envelope && envelope.content() instanceof SipDecodeResult r) {
                handle(r, udpPeer(ctx, (InetSocketAddress) envelope.recipient(), (InetSocketAddress) envelope.sender()));
            } else if (msg instanceof SipDecodeResult r) {
                handle(r, streamConnection(ctx));
            } else {
                log.debug("unexpected inbound object {}", msg.getClass().getName());
            }
        } catch (RuntimeException e) {
            metrics.dropped(transport);
            log.warn("inbound {} message dropped after {}", transport.label(), e.getClass().getName());
            log.debug("inbound handling failure", e);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private NettySipConnection udpPeer(ChannelHandlerContext ctx, InetSocketAddress local, InetSocketAddress remote) {
        NettySipConnection known = udpPeers.get(remote);
        if (known != null && known.local().equals(local)) {
            return known;
        }
        NettySipConnection c = new NettySipConnection(ctx.channel(), transport, local, remote, metrics);
        udpPeers.put(remote, c);
        return c;
    }

    private NettySipConnection streamConnection(ChannelHandlerContext ctx) {
        if (streamConnection == null) {
            streamConnection = new NettySipConnection(ctx.channel(), transport,
                    (InetSocketAddress) ctx.channel().localAddress(), (InetSocketAddress) ctx.channel().remoteAddress(),
                    metrics, connections);
        }
        return streamConnection;
    }

    private void handle(SipDecodeResult result, NettySipConnection connection) {
        if (result instanceof SipDecodeResult.Framed framed) {
            // parsed on the loop that will handle it (see Framed); one without a usable Call-ID is
            // malformed, and is answered from here. Queued even when that is this loop: every
            // message enters its loop's queue once, when it is read, so messages of one call from
            // different sockets reach the B2BUA in the order they were read.
            framed.callId().map(dispatcher::loopFor).ifPresentOrElse(
                    owner -> owner.execute(() -> parseAndHandle(framed, connection)),
                    () -> handle(framed.parse(), connection, false));
            return;
        }
        handle(result, connection, false);
    }

    /** @param onOwnLoop true when this runs as the task queued for the message on its Call-ID's loop */
    private void handle(SipDecodeResult result, NettySipConnection connection, boolean onOwnLoop) {
        if (result == SipDecodeResult.KeepAlivePing.INSTANCE) {
            connection.sendPong();
            return;
        }
        ScreenVerdict verdict = screen.screen(result);
        if (verdict instanceof ScreenVerdict.Drop) {
            metrics.dropped(transport);
        } else if (verdict instanceof ScreenVerdict.Reject reject) {
            metrics.rejected(transport);
            reply(result, reject, connection);
        } else {
            accept(((SipDecodeResult.Decoded) result).message(), connection, onOwnLoop);
        }
        if (result instanceof SipDecodeResult.Malformed m && m.closeConnection()) {
            connection.closeAfterWrites(); // RFC 3261 section 18.3: a stream cannot be resynchronised
        }
    }

    private void parseAndHandle(SipDecodeResult.Framed framed, NettySipConnection connection) {
        try {
            if (absorbedUnparsed(framed, connection)) {
                return;
            }
            handle(framed.parse(), connection, true);
        } catch (RuntimeException e) {
            metrics.dropped(transport);
            log.warn("inbound {} message dropped after {}", transport.label(), e.getClass().getName());
            log.debug("inbound handling failure", e);
        }
    }

    /**
     * Offers a UDP request to the application before parsing it: a byte-identical retransmission
     * of a request already accepted is answered from its transaction, and parsing it again would
     * be most of its cost (see {@link io.maskgate.sip.codec.RetransmissionProbe}).
     */
    private boolean absorbedUnparsed(SipDecodeResult.Framed framed, NettySipConnection connection) {
        if (transport != SipTransportType.UDP) {
            return false;
        }
        Optional<RetransmissionProbe> probe = framed.retransmissionProbe();
        if (probe.isPresent() && application.absorbedUnparsed(probe.get(), connection)) {
            metrics.receivedRequest(transport, probe.get().method());
            return true;
        }
        return false;
    }

    /** A stateless reply; RFC 3261 section 21.4.1 wants the problem named, in the phrase and a Warning. */
    private static void reply(SipDecodeResult result, ScreenVerdict.Reject reject, NettySipConnection connection) {
        List<SipHeader> headers = new ArrayList<>(reject.extraHeaders());
        headers.add(new SipHeader("Warning", "399 maskgate \"" + reject.reasonPhrase() + "\""));
        if (result instanceof SipDecodeResult.Malformed m) {
            connection.sendRendered(m.reply().orElseThrow().render(reject.statusCode(), reject.reasonPhrase(),
                    headers), reject.statusCode());
        } else {
            SipMessage request = ((SipDecodeResult.Decoded) result).message();
            connection.send(request.createResponse(reject.statusCode(), reject.reasonPhrase(), headers));
        }
    }

    private void accept(SipMessage message, NettySipConnection connection, boolean onOwnLoop) {
        metrics.received(transport, message);
        if (message.isRequest() && OptionsResponder.handles(message)) {
            connection.send(options.answer(message));
            return;
        }
        // the screens guarantee a Call-ID on everything accepted; a parsed one that differs from
        // the raw text the frame was queued by (white space, escapes) costs one more hop
        EventExecutor loop = dispatcher.loopFor(message.callId().orElseThrow());
        if (onOwnLoop && loop.inEventLoop()) {
            deliver(message, connection);
        } else {
            loop.execute(() -> deliver(message, connection));
        }
    }

    private void deliver(SipMessage message, SipConnection connection) {
        try {
            if (message.isRequest()) {
                application.onRequest(new InboundRequest(message, connection));
            } else {
                application.onResponse(new InboundResponse(message, connection));
            }
        } catch (RuntimeException e) {
            log.warn("application failed on {}: {}", message, e.getClass().getName());
            log.debug("application failure", e);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent done && !done.isSuccess()) {
            // an untrusted or missing client certificate, a protocol below TLS 1.2, plaintext on the TLS port
            metrics.tlsHandshakeFailed();
            log.debug("TLS handshake with {} failed: {}", ctx.channel().remoteAddress(),
                    done.cause().getClass().getSimpleName());
            ctx.close();
            return;
        }
        if (evt instanceof IdleStateEvent) {
            log.debug("closing idle {} connection from {}", transport.label(), ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof io.netty.handler.codec.DecoderException && !(cause.getCause() instanceof SSLException)) {
            metrics.dropped(transport); // a codec fault on peer input: contained and counted
        }
        // peers reset connections all day: DEBUG, not WARN
        log.debug("{} channel error: {}", transport.label(), cause.getClass().getName());
        if (transport.isStream()) {
            ctx.close();
        }
    }
}
