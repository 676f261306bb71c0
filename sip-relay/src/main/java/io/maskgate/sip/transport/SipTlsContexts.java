package io.maskgate.sip.transport;

import io.maskgate.keystore.tls.TlsMaterial;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.net.InetSocketAddress;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Netty TLS contexts made once from {@link SipTlsOptions}: the server side of our listeners and the
 * client side of connections we open. JDK provider, TLS 1.2/1.3 only. The client checks the peer's
 * certificate chain and that it names the address we connected to (Netty's default HTTPS-style
 * endpoint identification, RFC 5922 section 7 asks the same of SIP).
 */
final class SipTlsContexts {

    private final Optional<SslContext> server;
    private final SslContext client;
    private final long handshakeTimeoutMillis;
    private final long connectTimeoutMillis;

    SipTlsContexts(SipTlsOptions options, long connectTimeoutMillis) {
        this.handshakeTimeoutMillis = options.handshakeTimeout().toMillis();
        this.connectTimeoutMillis = connectTimeoutMillis;
        TlsMaterial m = options.material();
        try {
            this.server = m.keyManagers().isEmpty() ? Optional.empty() : Optional.of(serverContext(options));
            SslContextBuilder c = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                    .protocols(TlsMaterial.PROTOCOLS).endpointIdentificationAlgorithm("HTTPS");
            m.keyManagers().ifPresent(c::keyManager);
            m.trustManagers().ifPresent(c::trustManager);
            this.client = c.build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("TLS settings not usable: " + e.getMessage(), e);
        }
    }

    private static SslContext serverContext(SipTlsOptions options) throws SSLException {
        TlsMaterial m = options.material();
        SslContextBuilder b = SslContextBuilder.forServer(m.keyManagers().orElseThrow()).sslProvider(SslProvider.JDK)
                .protocols(TlsMaterial.PROTOCOLS)
                .clientAuth(switch (options.clientAuth()) {
                    case NONE -> ClientAuth.NONE;
                    case OPTIONAL -> ClientAuth.OPTIONAL;
                    case REQUIRED -> ClientAuth.REQUIRE;
                });
        m.trustManagers().ifPresent(b::trustManager);
        return b.build();
    }

    boolean canListen() {
        return server.isPresent();
    }

    SslHandler serverHandler(ByteBufAllocator alloc) {
        SslHandler h = server.orElseThrow().newHandler(alloc);
        h.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
        return h;
    }

    /** A client handler for a connection to {@code remote}: the peer's certificate must name its IP. */
    SslHandler clientHandler(ByteBufAllocator alloc, InetSocketAddress remote) {
        SslHandler h = client.newHandler(alloc, remote.getAddress().getHostAddress(), remote.getPort());
        h.setHandshakeTimeoutMillis(connectTimeoutMillis);
        return h;
    }
}
