package io.maskgate.smpp;

import io.maskgate.core.events.EventPublisher;
import io.maskgate.core.events.NoopEventPublisher;
import io.maskgate.core.routing.Router;
import io.maskgate.smpp.metrics.SmppMetrics;
import io.maskgate.smpp.receipt.MessageIdStore;
import io.maskgate.smpp.relay.MessageIds;
import io.maskgate.smpp.relay.MoRelay;
import io.maskgate.smpp.relay.MtRelay;
import io.maskgate.smpp.relay.ReceiptRelay;
import io.maskgate.smpp.relay.RelayOptions;
import io.maskgate.smpp.relay.SmppAddressing;
import io.maskgate.smpp.relay.SmsEvents;
import io.maskgate.smpp.relay.UpstreamDeliveries;
import io.maskgate.smpp.server.EsmeAccounts;
import io.maskgate.smpp.server.SmppServer;
import io.maskgate.smpp.server.SmppServerOptions;
import io.maskgate.smpp.upstream.UpstreamClient;
import io.maskgate.smpp.upstream.UpstreamOptions;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The SMPP relay as one object for the gateway's wiring: the server face (ESMEs bind here), the
 * client face (binds to upstream SMSCs) and the MT, MO and receipt relays between them.
 *
 * <pre>{@code
 * SmppRelay smpp = SmppRelay.builder()
 *         .serverOptions(server).upstreamOptions(upstream).relayOptions(relay).accounts(accounts)
 *         .router(router).messageIdStore(store).meterRegistry(registry)
 *         .build();
 * smpp.start();
 * ...
 * smpp.close();   // drain windows, unbind ESMEs, unbind upstreams
 * }</pre>
 *
 * The {@link MessageIdStore} is not closed here: it borrows the gateway's Redis connection.
 */
public final class SmppRelay implements AutoCloseable {
    private final UpstreamClient upstream;
    private final SmppServer server;
    private final MtRelay mt;
    private volatile UpstreamDeliveries deliveries;

    private SmppRelay(Builder b) {
        SmppMetrics metrics = new SmppMetrics(b.meterRegistry);
        SmppAddressing addressing = new SmppAddressing(b.upstreamOptions.sourceTon(), b.upstreamOptions.sourceNpi());
        // The upstream hands deliver_sm to the relays, which need the server's binds: the handler
        // is looked up per call, and no deliver_sm can arrive before start().
        this.upstream = new UpstreamClient(b.upstreamOptions, (smsc, message) -> deliveries.onDeliver(smsc, message),
                metrics);
        SmsEvents events = new SmsEvents(b.eventPublisher, b.nodeId, b.clock);
        this.mt = new MtRelay(b.router, upstream, b.messageIdStore, b.messageIds, b.relayOptions,
                addressing, metrics, events);
        this.server = new SmppServer(b.serverOptions, b.accounts, mt, metrics, b.clock);
        this.deliveries = new UpstreamDeliveries(
                new MoRelay(b.router, server.deliverer(), b.relayOptions, addressing, metrics, events),
                new ReceiptRelay(b.messageIdStore, server.deliverer(), b.relayOptions, metrics));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Opens the listening socket and starts binding to the upstreams (in the background). */
    public void start() {
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("SMPP server face could not listen", e);
        }
        upstream.start();
    }

    /** The server face's port (useful with port 0). */
    public int localPort() {
        return server.localPort();
    }

    /** The server face's TLS port, when its TLS listener is on. */
    public java.util.OptionalInt tlsLocalPort() {
        return server.tlsLocalPort();
    }

    /** True when at least one upstream bind is up (readiness). */
    public boolean isUpstreamHealthy() {
        return upstream.isHealthy();
    }

    public SmppServer server() {
        return server;
    }

    /**
     * Graceful drain (SIGTERM): new binds refused (ESME_RBINDFAIL), the submits in the ESMEs'
     * windows answered, the ESMEs unbound, then the upstream binds unbound (their outstanding
     * submits are the ones the ESMEs were waiting for, so they are answered by then). Blocks for at
     * most the submit timeout plus the unbind round trips. {@link #close()} afterwards closes the
     * listener.
     */
    public void drain() {
        server.drain();
        upstream.close();
    }

    /** Applies a conf reload's live part: per-system_id rate and bind limits (see {@link SmppServer#reconfigure}). */
    public void reconfigure(EsmeAccounts accounts) {
        server.reconfigure(accounts);
    }

    /**
     * Refuses with the consent-denied status (ESME_RSUBMITFAIL) every routed MT submit whose ESME
     * is still waiting (queued, or behind a slow upstream) that {@code which} selects; used when
     * consent is revoked. Returns how many were refused.
     */
    public int refusePending(java.util.function.Predicate<io.maskgate.smpp.relay.PendingSubmit> which) {
        return mt.refusePending(which);
    }

    /**
     * ESMEs first (new submits refused, windows drained, unbind), so nothing they were promised
     * is cut off upstream; then the upstream binds (unbind).
     */
    @Override
    public void close() {
        server.close();
        upstream.close();
    }

    public static final class Builder {
        /** Node id written in events when none is set. */
        public static final String DEFAULT_NODE_ID = "local";

        private SmppServerOptions serverOptions = SmppServerOptions.create();
        private UpstreamOptions upstreamOptions;
        private RelayOptions relayOptions = RelayOptions.create();
        private EsmeAccounts accounts;
        private Router router;
        private MessageIdStore messageIdStore;
        private MeterRegistry meterRegistry;
        private Clock clock = Clock.systemUTC();
        private Supplier<String> messageIds = new MessageIds(new SecureRandom());
        private EventPublisher eventPublisher = NoopEventPublisher.INSTANCE;
        private String nodeId = DEFAULT_NODE_ID;

        private Builder() {}

        public Builder serverOptions(SmppServerOptions options) {
            this.serverOptions = Objects.requireNonNull(options, "serverOptions");
            return this;
        }

        /** Required. */
        public Builder upstreamOptions(UpstreamOptions options) {
            this.upstreamOptions = Objects.requireNonNull(options, "upstreamOptions");
            return this;
        }

        public Builder relayOptions(RelayOptions options) {
            this.relayOptions = Objects.requireNonNull(options, "relayOptions");
            return this;
        }

        /** Required. */
        public Builder accounts(EsmeAccounts accounts) {
            this.accounts = Objects.requireNonNull(accounts, "accounts");
            return this;
        }

        /** Required. */
        public Builder router(Router router) {
            this.router = Objects.requireNonNull(router, "router");
            return this;
        }

        /** Required. */
        public Builder messageIdStore(MessageIdStore store) {
            this.messageIdStore = Objects.requireNonNull(store, "messageIdStore");
            return this;
        }

        /** Required. */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = Objects.requireNonNull(registry, "meterRegistry");
            return this;
        }

        /** Default the system UTC clock (idle timeouts). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Default {@link MessageIds} on a {@link SecureRandom}. */
        public Builder messageIds(Supplier<String> messageIds) {
            this.messageIds = Objects.requireNonNull(messageIds, "messageIds");
            return this;
        }

        /**
         * Where {@code sms_relayed} goes. Default {@link NoopEventPublisher}. Not closed by the relay:
         * the gateway shares it with the decision recorder.
         */
        public Builder eventPublisher(EventPublisher publisher) {
            this.eventPublisher = Objects.requireNonNull(publisher, "eventPublisher");
            return this;
        }

        /** This node's id in events, as the decision recorder writes it. Default {@value #DEFAULT_NODE_ID}. */
        public Builder nodeId(String nodeId) {
            this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
            return this;
        }

        public SmppRelay build() {
            Objects.requireNonNull(upstreamOptions, "upstreamOptions is required");
            Objects.requireNonNull(accounts, "accounts is required");
            Objects.requireNonNull(router, "router is required");
            Objects.requireNonNull(messageIdStore, "messageIdStore is required");
            Objects.requireNonNull(meterRegistry, "meterRegistry is required");
            return new SmppRelay(this);
        }
    }
}
