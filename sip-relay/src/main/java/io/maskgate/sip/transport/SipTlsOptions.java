package io.maskgate.sip.transport;

import io.maskgate.keystore.tls.TlsMaterial;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Immutable options of SIP over TLS (RFC 3261 section 26.2, RFC 5630): the TLS listeners, our
 * certificate and the CAs we trust (a {@link TlsMaterial} from the keystore module), whether
 * carriers must present a certificate (mutual TLS), and the handshake timeout. TLS 1.2 and 1.3
 * only ({@link TlsMaterial#PROTOCOLS}). Create with {@link #builder(TlsMaterial)}.
 *
 * <p>Outbound TLS (a trunk with transport TLS) uses the same material: the trunk's certificate
 * must chain to the trusted CAs and name the trunk's IP address (the connection is made to an IP
 * literal), and ours is presented when the trunk asks for one.
 */
public final class SipTlsOptions {

    /** Whether a TLS peer connecting to us must present a certificate that chains to the trusted CAs. */
    public enum ClientAuth { NONE, OPTIONAL, REQUIRED }

    /** Default: no TLS listener (outbound TLS only). */
    public static final List<InetSocketAddress> DEFAULT_BIND_ADDRESSES = List.of();
    /** Default: carriers need not present a certificate. */
    public static final ClientAuth DEFAULT_CLIENT_AUTH = ClientAuth.NONE;
    /** Default time an inbound TLS handshake may take: 10 s. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    private final TlsMaterial material;
    private final List<InetSocketAddress> bindAddresses;
    private final ClientAuth clientAuth;
    private final Duration handshakeTimeout;

    private SipTlsOptions(Builder b) {
        this.material = b.material;
        this.bindAddresses = List.copyOf(b.bindAddresses);
        this.clientAuth = b.clientAuth;
        this.handshakeTimeout = b.handshakeTimeout;
    }

    /** @param material our certificate and key (required for a listener) and the trusted CAs */
    public static Builder builder(TlsMaterial material) {
        return new Builder(material);
    }

    public TlsMaterial material() {
        return material;
    }

    public List<InetSocketAddress> bindAddresses() {
        return bindAddresses;
    }

    public ClientAuth clientAuth() {
        return clientAuth;
    }

    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    @Override
    public String toString() {
        return "SipTlsOptions[" + bindAddresses + ", " + material + ", clientAuth=" + clientAuth + "]";
    }

    /** Builder of {@link SipTlsOptions}. */
    public static final class Builder {
        private final TlsMaterial material;
        private List<InetSocketAddress> bindAddresses = DEFAULT_BIND_ADDRESSES;
        private ClientAuth clientAuth = DEFAULT_CLIENT_AUTH;
        private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;

        private Builder(TlsMaterial material) {
            this.material = Objects.requireNonNull(material, "material");
        }

        /** TLS listen addresses (IPv4 or IPv6; port 0 picks a free port); default none. A listener needs our key. */
        public Builder bindAddresses(List<InetSocketAddress> addresses) {
            this.bindAddresses = List.copyOf(Objects.requireNonNull(addresses, "addresses"));
            return this;
        }

        /** Default {@link #DEFAULT_CLIENT_AUTH}; OPTIONAL and REQUIRED check a presented certificate. */
        public Builder clientAuth(ClientAuth clientAuth) {
            this.clientAuth = Objects.requireNonNull(clientAuth, "clientAuth");
            return this;
        }

        /** Longest inbound handshake, 1 ms..60 s; default 10 s. */
        public Builder handshakeTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.toMillis() < 1 || timeout.compareTo(Duration.ofSeconds(60)) > 0) {
                throw new IllegalArgumentException("handshakeTimeout must be 1 ms..60 s");
            }
            this.handshakeTimeout = timeout;
            return this;
        }

        public SipTlsOptions build() {
            if (!bindAddresses.isEmpty() && material.keyManagers().isEmpty()) {
                throw new IllegalArgumentException("a TLS listener needs a certificate and private key");
            }
            if (clientAuth != ClientAuth.NONE && material.trustManagers().isEmpty()) {
                throw new IllegalArgumentException("client certificates need trusted CAs to check them against");
            }
            return new SipTlsOptions(this);
        }
    }
}
