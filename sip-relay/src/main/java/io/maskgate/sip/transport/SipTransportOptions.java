package io.maskgate.sip.transport;

import io.maskgate.sip.codec.SipDatagramDecoder;
import io.maskgate.sip.codec.SipStreamFrameDecoder;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Immutable options of the SIP transports. Create with {@link #builder()} or {@link #create()},
 * change a copy with {@link #mutate()}.
 */
public final class SipTransportOptions {

    /** Default UDP listen address: all IPv4 interfaces, port 5060 (RFC 3261 section 19.1.2). */
    public static final List<InetSocketAddress> DEFAULT_UDP_BIND_ADDRESSES = List.of(new InetSocketAddress(5060));
    /** Default TCP listen address: all interfaces, port 5060. */
    public static final List<InetSocketAddress> DEFAULT_TCP_BIND_ADDRESSES = List.of(new InetSocketAddress(5060));
    /** Default SO_RCVBUF of each UDP socket: 4 MiB, enough for bursts of ~8,000 CPS on loopback. */
    public static final int DEFAULT_UDP_RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;
    /** Default largest datagram: the largest UDP payload over IPv4. */
    public static final int DEFAULT_MAX_DATAGRAM_BYTES = SipDatagramDecoder.DEFAULT_MAX_MESSAGE_BYTES;
    /** Default largest header block on a stream: 16 KiB. */
    public static final int DEFAULT_MAX_HEADER_BYTES = SipStreamFrameDecoder.DEFAULT_MAX_HEADER_BYTES;
    /** Default largest body on a stream: 64 KiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = SipStreamFrameDecoder.DEFAULT_MAX_BODY_BYTES;
    /** Default TCP idle timeout: 180 s, above the 95-120 s keep-alive interval of RFC 5626 section 4.4.1. */
    public static final Duration DEFAULT_TCP_IDLE_TIMEOUT = Duration.ofSeconds(180);
    /** Default time to open an outbound TCP/TLS connection (and finish the TLS handshake): 2 s. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** Default most TCP/TLS connections open at once, both directions: 10,000. */
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    /** Default path MTU for RFC 3261 section 18.1.1: 1500, so requests above 1300 bytes go over TCP. */
    public static final int DEFAULT_UDP_MTU = 1500;
    /** Default number of I/O event loops: one per CPU. */
    public static final int DEFAULT_IO_THREADS = Runtime.getRuntime().availableProcessors();
    /** Default: use Linux epoll when Netty's native transport loads. */
    public static final boolean DEFAULT_PREFER_NATIVE_TRANSPORT = true;
    /** Calls' worth of messages parsed before the ports open; 0 here, the executable's conf sets its own. */
    public static final int DEFAULT_PARSER_WARM_UP_CALLS = 0;

    private final List<InetSocketAddress> udpBindAddresses;
    private final List<InetSocketAddress> tcpBindAddresses;
    private final int udpReceiveBufferBytes;
    private final int maxDatagramBytes;
    private final int maxHeaderBytes;
    private final int maxBodyBytes;
    private final Duration tcpIdleTimeout;
    private final Duration connectTimeout;
    private final int maxConnections;
    private final int udpMtu;
    private final Optional<SipTlsOptions> tls;
    private final int ioThreads;
    private final boolean preferNativeTransport;
    private final int parserWarmUpCalls;
    private final ReceiveBacklogOptions receiveBacklog;

    private SipTransportOptions(Builder b) {
        this.udpBindAddresses = List.copyOf(b.udpBindAddresses);
        this.tcpBindAddresses = List.copyOf(b.tcpBindAddresses);
        this.udpReceiveBufferBytes = b.udpReceiveBufferBytes;
        this.maxDatagramBytes = b.maxDatagramBytes;
        this.maxHeaderBytes = b.maxHeaderBytes;
        this.maxBodyBytes = b.maxBodyBytes;
        this.tcpIdleTimeout = b.tcpIdleTimeout;
        this.connectTimeout = b.connectTimeout;
        this.maxConnections = b.maxConnections;
        this.udpMtu = b.udpMtu;
        this.tls = b.tls;
        this.ioThreads = b.ioThreads;
        this.preferNativeTransport = b.preferNativeTransport;
        this.parserWarmUpCalls = b.parserWarmUpCalls;
        this.receiveBacklog = b.receiveBacklog;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options with every default. */
    public static SipTransportOptions create() {
        return builder().build();
    }

    /** A builder holding these options, to derive changed options. */
    public Builder mutate() {
        Builder b = new Builder().udpBindAddresses(udpBindAddresses).tcpBindAddresses(tcpBindAddresses)
                .udpReceiveBufferBytes(udpReceiveBufferBytes).maxDatagramBytes(maxDatagramBytes)
                .maxHeaderBytes(maxHeaderBytes).maxBodyBytes(maxBodyBytes).tcpIdleTimeout(tcpIdleTimeout)
                .connectTimeout(connectTimeout).maxConnections(maxConnections).udpMtu(udpMtu).ioThreads(ioThreads)
                .preferNativeTransport(preferNativeTransport).parserWarmUpCalls(parserWarmUpCalls)
                .receiveBacklog(receiveBacklog);
        tls.ifPresent(b::tls);
        return b;
    }

    public List<InetSocketAddress> udpBindAddresses() {
        return udpBindAddresses;
    }

    public List<InetSocketAddress> tcpBindAddresses() {
        return tcpBindAddresses;
    }

    public int udpReceiveBufferBytes() {
        return udpReceiveBufferBytes;
    }

    public int parserWarmUpCalls() {
        return parserWarmUpCalls;
    }

    /** What a backlog in the UDP receive queues holds back or sheds (see {@link ReceiveBacklogOptions}). */
    public ReceiveBacklogOptions receiveBacklog() {
        return receiveBacklog;
    }

    public int maxDatagramBytes() {
        return maxDatagramBytes;
    }

    public int maxHeaderBytes() {
        return maxHeaderBytes;
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    public Duration tcpIdleTimeout() {
        return tcpIdleTimeout;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public int maxConnections() {
        return maxConnections;
    }

    /** SIP over TLS: listeners and outbound TLS; empty when TLS is off (a TLS send then fails). */
    public Optional<SipTlsOptions> tls() {
        return tls;
    }

    public int udpMtu() {
        return udpMtu;
    }

    public int ioThreads() {
        return ioThreads;
    }

    public boolean preferNativeTransport() {
        return preferNativeTransport;
    }

    @Override
    public String toString() {
        return "SipTransportOptions[udp=" + udpBindAddresses + ", tcp=" + tcpBindAddresses + ", udpReceiveBufferBytes="
                + udpReceiveBufferBytes + ", maxDatagramBytes=" + maxDatagramBytes + ", maxHeaderBytes="
                + maxHeaderBytes + ", maxBodyBytes=" + maxBodyBytes + ", tcpIdleTimeout=" + tcpIdleTimeout + ", connectTimeout=" + connectTimeout + ", maxConnections=" + maxConnections + ", udpMtu=" + udpMtu + ", tls=" + tls
                + ", ioThreads=" + ioThreads + ", preferNativeTransport=" + preferNativeTransport + ", receiveBacklog=" + receiveBacklog + "]";
    }

    /** Builder; every setter validates at once so that a bad value names itself. */
    public static final class Builder {
        private List<InetSocketAddress> udpBindAddresses = DEFAULT_UDP_BIND_ADDRESSES;
        private List<InetSocketAddress> tcpBindAddresses = DEFAULT_TCP_BIND_ADDRESSES;
        private int udpReceiveBufferBytes = DEFAULT_UDP_RECEIVE_BUFFER_BYTES;
        private int maxDatagramBytes = DEFAULT_MAX_DATAGRAM_BYTES;
        private int maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private Duration tcpIdleTimeout = DEFAULT_TCP_IDLE_TIMEOUT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int udpMtu = DEFAULT_UDP_MTU;
        private Optional<SipTlsOptions> tls = Optional.empty();
        private int ioThreads = DEFAULT_IO_THREADS;
        private boolean preferNativeTransport = DEFAULT_PREFER_NATIVE_TRANSPORT;
        private int parserWarmUpCalls = DEFAULT_PARSER_WARM_UP_CALLS;
        private ReceiveBacklogOptions receiveBacklog = ReceiveBacklogOptions.create();

        private Builder() {
        }

        /**
         * How many calls' messages to parse before the ports open, so that the first real traffic
         * meets a compiled parser (see {@link io.maskgate.sip.codec.ParserWarmUp}); 0 (the default)
         * skips it. 1-2 s for 5,000 in a fresh JVM on 2 cores.
         */
        public Builder parserWarmUpCalls(int calls) {
            this.parserWarmUpCalls = atLeast(calls, 0, "parserWarmUpCalls");
            return this;
        }

        /** UDP listen addresses (IPv4 or IPv6; port 0 picks a free port). Empty disables UDP. Default 0.0.0.0:5060. */
        public Builder udpBindAddresses(List<InetSocketAddress> addresses) {
            this.udpBindAddresses = List.copyOf(Objects.requireNonNull(addresses, "addresses"));
            return this;
        }

        /** TCP listen addresses (IPv4 or IPv6; port 0 picks a free port). Empty disables TCP. Default 0.0.0.0:5060. */
        public Builder tcpBindAddresses(List<InetSocketAddress> addresses) {
            this.tcpBindAddresses = List.copyOf(Objects.requireNonNull(addresses, "addresses"));
            return this;
        }

        /**
         * SO_RCVBUF asked for on each UDP socket, at least 64 KiB; default 4 MiB. The kernel caps it
         * at net.core.rmem_max; a warning is logged when it gave less.
         */
        public Builder udpReceiveBufferBytes(int bytes) {
            this.udpReceiveBufferBytes = atLeast(bytes, 64 * 1024, "udpReceiveBufferBytes");
            return this;
        }

        /** Largest datagram read, 1024..65507; default 65507. */
        public Builder maxDatagramBytes(int bytes) {
            this.maxDatagramBytes = atLeast(bytes, 1024, "maxDatagramBytes");
            if (bytes > SipDatagramDecoder.DEFAULT_MAX_MESSAGE_BYTES) {
                throw new IllegalArgumentException("maxDatagramBytes must be <= "
                        + SipDatagramDecoder.DEFAULT_MAX_MESSAGE_BYTES);
            }
            return this;
        }

        /** Largest header block on TCP/TLS, at least 1024; default 16 KiB. */
        public Builder maxHeaderBytes(int bytes) {
            this.maxHeaderBytes = atLeast(bytes, 1024, "maxHeaderBytes");
            return this;
        }

        /** Largest body on TCP/TLS, at least 0; default 64 KiB. */
        public Builder maxBodyBytes(int bytes) {
            this.maxBodyBytes = atLeast(bytes, 0, "maxBodyBytes");
            return this;
        }

        /** A TCP connection with no traffic either way for this long is closed; positive; default 180 s. */
        public Builder tcpIdleTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("tcpIdleTimeout must be positive");
            }
            this.tcpIdleTimeout = timeout;
            return this;
        }

        /**
         * Time to open an outbound TCP/TLS connection, handshake included, 1 ms..60 s; default 2 s.
         * A connection not open by then is a transport error: the B2BUA fails over to the next trunk.
         */
        public Builder connectTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.toMillis() < 1 || timeout.compareTo(Duration.ofSeconds(60)) > 0) {
                throw new IllegalArgumentException("connectTimeout must be 1 ms..60 s");
            }
            this.connectTimeout = timeout;
            return this;
        }

        /** Most TCP/TLS connections in the pool at once (accepted and opened), at least 1; default 10,000. */
        public Builder maxConnections(int max) {
            this.maxConnections = atLeast(max, 1, "maxConnections");
            return this;
        }

        /**
         * The path MTU towards peers, 576..65535; default 1500. A request larger than {@code udpMtu - 200}
         * bytes that would go over UDP goes over TCP instead (RFC 3261 section 18.1.1).
         */
        public Builder udpMtu(int mtu) {
            if (mtu < 576 || mtu > 65_535) {
                throw new IllegalArgumentException("udpMtu must be 576..65535");
            }
            this.udpMtu = mtu;
            return this;
        }

        /** Turns on SIP over TLS (listeners and outbound); default off. */
        public Builder tls(SipTlsOptions tls) {
            this.tls = Optional.of(Objects.requireNonNull(tls, "tls"));
            return this;
        }

        /** Number of I/O event loops (also the Call-ID dispatch loops), 1..256; default one per CPU. */
        public Builder ioThreads(int threads) {
            if (threads < 1 || threads > 256) {
                throw new IllegalArgumentException("ioThreads must be 1..256");
            }
            this.ioThreads = threads;
            return this;
        }

        /** What a backlog in the UDP receive queues holds back or sheds; default {@link ReceiveBacklogOptions#create()}. */
        public Builder receiveBacklog(ReceiveBacklogOptions options) {
            this.receiveBacklog = Objects.requireNonNull(options, "options");
            return this;
        }

        /** Use epoll (with SO_REUSEPORT, one UDP socket per loop) when available; default true. */
        public Builder preferNativeTransport(boolean prefer) {
            this.preferNativeTransport = prefer;
            return this;
        }

        public SipTransportOptions build() {
            if (udpBindAddresses.isEmpty() && tcpBindAddresses.isEmpty()) {
                throw new IllegalArgumentException("at least one UDP or TCP bind address is required");
            }
            return new SipTransportOptions(this);
        }

        private static int atLeast(int value, int min, String name) {
            if (value < min) {
                throw new IllegalArgumentException(name + " must be >= " + min);
            }
            return value;
        }
    }
}
