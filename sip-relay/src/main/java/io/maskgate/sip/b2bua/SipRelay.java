package io.maskgate.sip.b2bua;

import io.maskgate.core.events.EventPublisher;
import io.maskgate.core.events.NoopEventPublisher;
import io.maskgate.core.number.NumberNormalizer;
import io.maskgate.core.routing.Router;
import io.maskgate.sip.carrier.Carrier;
import io.maskgate.sip.screen.InboundScreen;
import io.maskgate.sip.screen.RequestScreen;
import io.maskgate.sip.screen.ResponseScreen;
import io.maskgate.sip.transaction.TransactionLayer;
import io.maskgate.sip.transaction.TransactionOptions;
import io.maskgate.sip.transaction.TransactionTransport;
import io.maskgate.sip.transaction.UdpSizeLimit;
import io.maskgate.sip.transport.SipTransport;
import io.maskgate.sip.transport.SipTransportOptions;
import io.maskgate.sip.transport.SipTransportType;
import io.maskgate.sip.trunk.TrunkGroup;
import io.maskgate.sip.trunk.TrunkHealthOptions;
import io.maskgate.sip.trunk.TrunkOptions;
import io.maskgate.sip.trunk.TrunkPinger;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIP relay in one object: transports, transaction layer, B2BUA, trunks and their pings,
 * wired in the order each needs the other. For gateway-server:
 * <pre>{@code
 * SipRelay relay = SipRelay.builder(router, normalizer, registry)
 *         .transport(transportOptions).b2bua(b2buaOptions)
 *         .trunks(List.of(TrunkOptions.builder("carrier-a", addr).build()))
 *         .start();
 * ...
 * relay.close();
 * }</pre>
 */
public final class SipRelay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SipRelay.class);

    private final SipTransport transport;
    private final TransactionLayer layer;
    private final B2bua b2bua;
    private final TrunkGroup trunks;
    private final TrunkPinger pinger;

    private SipRelay(SipTransport transport, TransactionLayer layer, B2bua b2bua, TrunkGroup trunks,
            TrunkPinger pinger) {
        this.transport = transport;
        this.layer = layer;
        this.b2bua = b2bua;
        this.trunks = trunks;
        this.pinger = pinger;
    }

    /**
     * @param router the routing decision (gateway-core)
     * @param normalizer the normaliser the router was built with
     * @param registry where every meter of the relay is registered
     */
    public static Builder builder(Router router, NumberNormalizer normalizer, MeterRegistry registry) {
        return new Builder(router, normalizer, registry);
    }

    public SipTransport transport() {
        return transport;
    }

    public TransactionLayer transactions() {
        return layer;
    }

    public TrunkGroup trunks() {
        return trunks;
    }

    /** The carriers the running conf names ({@code sip.carriers}), with the calls each holds. */
    public List<Carrier> carriers() {
        return b2bua.carriers();
    }

    /** Calls in progress. */
    public int activeCalls() {
        return b2bua.activeCalls();
    }

    /**
     * Calls still up, as a graceful drain counts them while it waits for them to end (at its bound
     * it ends the rest with {@link #endCalls}).
     */
    public int callsInProgress() {
        return b2bua.activeCalls();
    }

    /**
     * Graceful drain (SIGTERM): new INVITEs and out-of-dialog OPTIONS are answered 503 with the
     * relay's Retry-After; calls in progress, their in-dialog requests and responses keep flowing.
     * Trunk pings go on, so failover still works for the calls that remain.
     */
    public void drain() {
        b2bua.drain();
        transport.drain();
        log.info("SIP relay draining: new calls get 503, {} call(s) in progress", callsInProgress());
    }

    /**
     * Applies a conf reload's live part: the trunk list is swapped at once (calls in progress keep
     * the trunk they were routed to), the ACL and the carriers' limits apply to the next INVITE
     * (calls in progress keep their carrier's places), the overload thresholds to the next sample
     * of the receive queues.
     *
     * @throws IllegalArgumentException when two trunks share a name; nothing changes then
     */
    public void reconfigure(SipLiveOptions live) {
        trunks.replace(live.trunks());
        b2bua.carriers(live.trustedCarriers(), live.carriers());
        transport.receiveBacklog(live.overload());
        log.info("SIP relay reconfigured: {} trunk(s), ACL of {} block(s), {} named carrier(s), {}",
                live.trunks().size(), live.trustedCarriers().size(), live.carriers().size(), live.overload());
    }

    /** The Reason (RFC 3326) of the BYEs that end calls whose consent was revoked; carries no number. */
    public static final String CONSENT_REVOKED_REASON = "Q.850;cause=16;text=\"consent revoked\"";

    /**
     * The Reason of the BYEs that end a call when no session refresh passed within its session
     * interval (RFC 4028 section 10); 408 as the refresh that never came. Carries no number.
     */
    public static final String SESSION_EXPIRED_REASON = "SIP;cause=408;text=\"session timer expired\"";

    /** The Reason of the BYEs that end calls still up when a graceful drain reaches its bound. */
    public static final String SHUTDOWN_REASON = "Q.850;cause=16;text=\"gateway shutting down\"";

    /**
     * Ends every call in progress that {@code which} selects: an answered call gets BYE on both
     * legs with {@code Reason: <reason>}, one still ringing gets 480 (with the same Reason) and its
     * outbound INVITE is cancelled. Returns at once; the future completes with how many calls were
     * ended. Used when consent is revoked and by a drain's deadline.
     *
     * @param reason the Reason header value (RFC 3326), e.g. {@link #CONSENT_REVOKED_REASON}; must
     *     not hold a number, CR or LF
     */
    public java.util.concurrent.CompletableFuture<Integer> endCalls(java.util.function.Predicate<LiveCall> which,
            String reason) {
        Objects.requireNonNull(which, "which");
        Objects.requireNonNull(reason, "reason");
        if (reason.indexOf('\r') >= 0 || reason.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("reason must be one header line");
        }
        return b2bua.endCalls(which, new io.maskgate.sip.codec.SipHeader("Reason", reason));
    }

    /** Stops pings and the sweeper, then unbinds and stops the event loops. Calls in progress are dropped. */
    @Override
    public void close() {
        pinger.close();
        b2bua.stop();
        transport.close();
    }

    @Override
    public String toString() {
        return "SipRelay[" + transport + ", " + b2bua + "]";
    }

    /** Builder of {@link SipRelay}; {@link #start()} binds. */
    public static final class Builder {
        /** Node id written in events when none is set. */
        public static final String DEFAULT_NODE_ID = "local";

        private final Router router;
        private final NumberNormalizer normalizer;
        private final MeterRegistry registry;
        private SipTransportOptions transportOptions = SipTransportOptions.create();
        private TransactionOptions transactionOptions = TransactionOptions.create();
        private B2buaOptions b2buaOptions = B2buaOptions.create();
        private List<TrunkOptions> trunks = List.of();
        private TrunkHealthOptions trunkHealth = TrunkHealthOptions.create();
        private Optional<InetAddress> advertisedAddress = Optional.empty();
        private Clock clock = Clock.systemUTC();
        private EventPublisher eventPublisher = NoopEventPublisher.INSTANCE;
        private String nodeId = DEFAULT_NODE_ID;

        private Builder(Router router, NumberNormalizer normalizer, MeterRegistry registry) {
            this.router = Objects.requireNonNull(router, "router");
            this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        public Builder transport(SipTransportOptions options) {
            this.transportOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        public Builder transactions(TransactionOptions options) {
            this.transactionOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        public Builder b2bua(B2buaOptions options) {
            this.b2buaOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /** The outbound trunks; with none, every routed call gets 503. */
        public Builder trunks(List<TrunkOptions> trunks) {
            this.trunks = List.copyOf(trunks);
            return this;
        }

        public Builder trunkHealth(TrunkHealthOptions options) {
            this.trunkHealth = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * The address written in Via and Contact. Default: the bound address; when that is a
         * wildcard (0.0.0.0, ::), this host's address, which is often not what peers must use:
         * set it whenever binding to a wildcard.
         */
        public Builder advertisedAddress(InetAddress address) {
            this.advertisedAddress = Optional.of(address);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Where {@code call_connected} and {@code call_ended} go. Default {@link NoopEventPublisher}.
         * Not closed by the relay: the gateway shares it with the decision recorder.
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

        /** Binds the transports and starts everything; fails (releasing what it took) when a bind fails. */
        public SipRelay start() {
            checkTrunkTransports();
            TransactionLayer layer = new TransactionLayer(transactionOptions, registry);
            InboundScreen screen = new InboundScreen(new RequestScreen(b2buaOptions.headerPolicy().optionTags(),
                    RequestScreen.DEFAULT_URI_SCHEMES, RequestScreen.DEFAULT_INVITE_CONTENT_TYPES),
                    new ResponseScreen());
            SipTransport transport = SipTransport.start(transportOptions, screen, layer, registry);
            transport.retryAfter(b2buaOptions.retryAfter());
            try {
                Map<SipTransportType, InetSocketAddress> sentBy = sentBy(transport);
                TrunkGroup group = new TrunkGroup(trunks, trunkHealth, registry, new SecureRandom());
                B2bua b2bua = new B2bua(b2buaOptions, router, normalizer, group, layer, sentBy, registry, clock,
                        eventPublisher, nodeId, transport::shedShare);
                layer.start(TransactionTransport.of(transport), b2bua, new UdpSizeLimit(transportOptions.udpMtu(),
                        Optional.ofNullable(sentBy.get(SipTransportType.TCP)), registry));
                b2bua.start();
                TrunkPinger pinger = new TrunkPinger(group, layer, trunkHealth, sentBy);
                pinger.start();
                log.info("SIP relay started: {}, {} trunk(s), {}", transport, trunks.size(), b2buaOptions);
                return new SipRelay(transport, layer, b2bua, group, pinger);
            } catch (RuntimeException e) {
                transport.close();
                throw e;
            }
        }

        /**
         * A trunk's transport needs a listener of ours on it: our Via and Contact name it, and the
         * trunk's in-dialog requests (BYE, re-INVITE) come to it (RFC 3261 section 18.1.1 / 8.1.1.8).
         */
        private void checkTrunkTransports() {
            for (TrunkOptions t : trunks) {
                boolean listening = switch (t.transport()) {
                    case UDP -> !transportOptions.udpBindAddresses().isEmpty();
                    case TCP -> !transportOptions.tcpBindAddresses().isEmpty();
                    case TLS -> transportOptions.tls().map(tls -> !tls.bindAddresses().isEmpty()).orElse(false);
                };
                if (!listening) {
                    throw new IllegalArgumentException("trunk " + t.name() + " uses " + t.transport().label()
                            + " but there is no " + t.transport().label() + " listener");
                }
            }
        }

        private Map<SipTransportType, InetSocketAddress> sentBy(SipTransport transport) {
            Map<SipTransportType, InetSocketAddress> out = new EnumMap<>(SipTransportType.class);
            if (!transport.udpLocalAddresses().isEmpty()) {
                out.put(SipTransportType.UDP, advertised(transport.udpLocalAddresses().get(0)));
            }
            if (!transport.tcpLocalAddresses().isEmpty()) {
                out.put(SipTransportType.TCP, advertised(transport.tcpLocalAddresses().get(0)));
            }
            if (!transport.tlsLocalAddresses().isEmpty()) {
                out.put(SipTransportType.TLS, advertised(transport.tlsLocalAddresses().get(0)));
            }
            return out;
        }

        private InetSocketAddress advertised(InetSocketAddress bound) {
            if (advertisedAddress.isPresent()) {
                return new InetSocketAddress(advertisedAddress.get(), bound.getPort());
            }
            if (!bound.getAddress().isAnyLocalAddress()) {
                return bound;
            }
            try {
                InetAddress here = InetAddress.getLocalHost();
                log.warn("SIP bound to a wildcard address without an advertised address: using {}", here);
                return new InetSocketAddress(here, bound.getPort());
            } catch (UnknownHostException e) {
                throw new IllegalStateException("set an advertised address: this host's address is unknown", e);
            }
        }
    }
}
