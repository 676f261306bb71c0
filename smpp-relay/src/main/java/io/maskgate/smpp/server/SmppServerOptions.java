package io.maskgate.smpp.server;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of the server face (the side ESMEs bind to). Immutable; build with {@link #builder()},
 * change a copy with {@link #mutate()}.
 */
public final class SmppServerOptions {
    /** Loopback unless conf says otherwise: exposing SMPP is an operator's explicit choice. */
    public static final String DEFAULT_LISTEN_HOST = "127.0.0.1";
    /** IANA-registered SMPP port. */
    public static final int DEFAULT_LISTEN_PORT = 2775;
    /** A connection must send bind_* within this time or it is closed. */
    public static final Duration DEFAULT_BIND_TIMEOUT = Duration.ofSeconds(5);
    /**
     * A bind from which no PDU arrives for this long is closed. ESMEs are expected to send
     * enquire_link (SMPP 3.4 section 4.11) more often than this; 90 s is three missed 30 s links.
     */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(90);
    /** Ceiling on concurrent binds per system_id; an account's own limit may be lower. */
    public static final int DEFAULT_MAX_BINDS_PER_SYSTEM_ID = 4;
    /** Unanswered submit_sm per bind before ESME_RTHROTTLED (SMPP 3.4 section 2.7 "window"). */
    public static final int DEFAULT_WINDOW_SIZE = 10;
    /**
     * Largest command_length accepted, enforced before any allocation: 65 KiB (66,560 octets).
     * A submit_sm at its limits is the 16-octet header + 348 octets of mandatory fields
     * (SMPP 3.4 section 4.4.1) + a message_payload TLV of 4 + 65,535 octets (its length field is
     * 16 bits) = 65,903; the remaining 657 octets leave room for sar_* and other TLVs. Every
     * valid submit_sm fits; a peer cannot make us allocate much more than that.
     */
    public static final int DEFAULT_MAX_COMMAND_LENGTH = 65 * 1024;
    /**
     * Longest we keep an ESME waiting for a submit_sm_resp (routing + upstream answer). Longer
     * than the upstream response timeout, so it only fires when something is stuck.
     */
    public static final Duration DEFAULT_SUBMIT_TIMEOUT = Duration.ofSeconds(10);
    /** Most connections that may be open and not yet bound at once (bind handshakes in progress). */
    public static final int DEFAULT_MAX_PENDING_BINDS = 64;
    /**
     * Longest we wait for an ESME's deliver_sm_resp (MO or receipt), and for its unbind_resp on
     * close. Below the SMSCs' own deliver_sm timeouts, so the SMSC gets our transient error
     * rather than timing out itself.
     */
    public static final Duration DEFAULT_DELIVER_TIMEOUT = Duration.ofSeconds(5);

    private final String listenHost;
    private final int listenPort;
    private final Duration bindTimeout;
    private final Duration idleTimeout;
    private final int maxBindsPerSystemId;
    private final int windowSize;
    private final int maxCommandLength;
    private final Duration submitTimeout;
    private final int maxPendingBinds;
    private final Duration deliverTimeout;
    private final java.util.Optional<TlsListener> tls;

    private SmppServerOptions(Builder b) {
        this.listenHost = b.listenHost;
        this.listenPort = b.listenPort;
        this.bindTimeout = b.bindTimeout;
        this.idleTimeout = b.idleTimeout;
        this.maxBindsPerSystemId = b.maxBindsPerSystemId;
        this.windowSize = b.windowSize;
        this.maxCommandLength = b.maxCommandLength;
        this.submitTimeout = b.submitTimeout;
        this.maxPendingBinds = b.maxPendingBinds;
        this.deliverTimeout = b.deliverTimeout;
        this.tls = b.tls;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static SmppServerOptions create() {
        return builder().build();
    }

    public Builder mutate() {
        Builder b = new Builder().listenHost(listenHost).listenPort(listenPort).bindTimeout(bindTimeout)
                .idleTimeout(idleTimeout).maxBindsPerSystemId(maxBindsPerSystemId).windowSize(windowSize)
                .maxCommandLength(maxCommandLength).submitTimeout(submitTimeout).maxPendingBinds(maxPendingBinds)
                .deliverTimeout(deliverTimeout);
        tls.ifPresent(b::tls);
        return b;
    }

    public String listenHost() {
        return listenHost;
    }

    public int listenPort() {
        return listenPort;
    }

    public Duration bindTimeout() {
        return bindTimeout;
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    public int maxBindsPerSystemId() {
        return maxBindsPerSystemId;
    }

    public int windowSize() {
        return windowSize;
    }

    public int maxCommandLength() {
        return maxCommandLength;
    }

    public Duration submitTimeout() {
        return submitTimeout;
    }

    public int maxPendingBinds() {
        return maxPendingBinds;
    }

    /** The optional SMPP-over-TLS listener, beside the plain one. */
    public java.util.Optional<TlsListener> tls() {
        return tls;
    }

    /**
     * A second, TLS listener on the same host.
     *
     * @param port TLS port (0 = any free port), e.g. 3550
     * @param material our certificate and key, and the CAs client certificates must chain to
     * @param requireClientCertificate mutual TLS: ESMEs must present a certificate from those CAs
     */
    public record TlsListener(int port, io.maskgate.keystore.tls.TlsMaterial material,
            boolean requireClientCertificate) {
        public TlsListener {
            Checks.range("port", port, 0, 65_535);
            java.util.Objects.requireNonNull(material, "material");
            if (material.keyManagers().isEmpty()) {
                throw new IllegalArgumentException("an SMPP TLS listener needs a certificate and private key");
            }
            if (requireClientCertificate && material.trustManagers().isEmpty()) {
                throw new IllegalArgumentException("client certificates need trusted CAs to check them against");
            }
        }
    }

    public Duration deliverTimeout() {
        return deliverTimeout;
    }

    @Override
    public String toString() {
        return "SmppServerOptions[listen=" + listenHost + ":" + listenPort + ", bindTimeout=" + bindTimeout
                + ", idleTimeout=" + idleTimeout + ", maxBindsPerSystemId=" + maxBindsPerSystemId
                + ", windowSize=" + windowSize + ", maxCommandLength=" + maxCommandLength
                + ", submitTimeout=" + submitTimeout + ", maxPendingBinds=" + maxPendingBinds
                + ", deliverTimeout=" + deliverTimeout + "]";
    }

    /** Builder; every setter validates at once so a bad conf value names itself. */
    public static final class Builder {
        private String listenHost = DEFAULT_LISTEN_HOST;
        private int listenPort = DEFAULT_LISTEN_PORT;
        private Duration bindTimeout = DEFAULT_BIND_TIMEOUT;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private int maxBindsPerSystemId = DEFAULT_MAX_BINDS_PER_SYSTEM_ID;
        private int windowSize = DEFAULT_WINDOW_SIZE;
        private int maxCommandLength = DEFAULT_MAX_COMMAND_LENGTH;
        private Duration submitTimeout = DEFAULT_SUBMIT_TIMEOUT;
        private int maxPendingBinds = DEFAULT_MAX_PENDING_BINDS;
        private Duration deliverTimeout = DEFAULT_DELIVER_TIMEOUT;
        private java.util.Optional<TlsListener> tls = java.util.Optional.empty();

        /** Adds a TLS listener beside the plain one; default none. */
        public Builder tls(TlsListener tls) {
            this.tls = java.util.Optional.of(java.util.Objects.requireNonNull(tls, "tls"));
            return this;
        }

        private Builder() {}

        /** Default 5 s; positive. */
        public Builder deliverTimeout(Duration deliverTimeout) {
            this.deliverTimeout = Checks.positive("deliverTimeout", deliverTimeout);
            return this;
        }

        /** Address to listen on. Default {@value #DEFAULT_LISTEN_HOST}. */
        public Builder listenHost(String listenHost) {
            this.listenHost = Objects.requireNonNull(listenHost, "listenHost");
            return this;
        }

        /** TCP port, 0 for an ephemeral one (tests). Default {@value #DEFAULT_LISTEN_PORT}. */
        public Builder listenPort(int listenPort) {
            this.listenPort = Checks.range("listenPort", listenPort, 0, 65_535);
            return this;
        }

        /** Default 5 s; positive. */
        public Builder bindTimeout(Duration bindTimeout) {
            this.bindTimeout = Checks.positive("bindTimeout", bindTimeout);
            return this;
        }

        /** Default 90 s; positive. */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = Checks.positive("idleTimeout", idleTimeout);
            return this;
        }

        /** Default {@value #DEFAULT_MAX_BINDS_PER_SYSTEM_ID}; 1..1000. */
        public Builder maxBindsPerSystemId(int maxBindsPerSystemId) {
            this.maxBindsPerSystemId = Checks.range("maxBindsPerSystemId", maxBindsPerSystemId, 1, 1000);
            return this;
        }

        /** Default {@value #DEFAULT_WINDOW_SIZE}; 1..1000. Each slot may hold one worker thread. */
        public Builder windowSize(int windowSize) {
            this.windowSize = Checks.range("windowSize", windowSize, 1, 1000);
            return this;
        }

        /** Default {@value #DEFAULT_MAX_COMMAND_LENGTH}; 256..1 MiB. */
        public Builder maxCommandLength(int maxCommandLength) {
            this.maxCommandLength = Checks.range("maxCommandLength", maxCommandLength, 256, 1 << 20);
            return this;
        }

        /** Default 10 s; positive. */
        public Builder submitTimeout(Duration submitTimeout) {
            this.submitTimeout = Checks.positive("submitTimeout", submitTimeout);
            return this;
        }

        /** Default {@value #DEFAULT_MAX_PENDING_BINDS}; 1..10000. */
        public Builder maxPendingBinds(int maxPendingBinds) {
            this.maxPendingBinds = Checks.range("maxPendingBinds", maxPendingBinds, 1, 10_000);
            return this;
        }

        public SmppServerOptions build() {
            return new SmppServerOptions(this);
        }
    }
}
