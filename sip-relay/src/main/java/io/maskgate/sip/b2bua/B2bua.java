package io.maskgate.sip.b2bua;

import io.maskgate.core.events.EventPublisher;
import io.maskgate.core.number.InvalidNumberException;
import io.maskgate.core.number.NumberNormalizer;
import io.maskgate.core.number.PhoneNumber;
import io.maskgate.core.routing.Router;
import io.maskgate.sip.auth.DigestAuthenticator;
import io.maskgate.sip.carrier.Carrier;
import io.maskgate.sip.carrier.CarrierOptions;
import io.maskgate.sip.carrier.Carriers;
import io.maskgate.sip.carrier.Cidr;
import io.maskgate.sip.codec.SipHeader;
import io.maskgate.sip.codec.SipMessage;
import io.maskgate.sip.policy.EgressLeakGuard;
import io.maskgate.sip.policy.HeaderPolicy;
import io.maskgate.sip.policy.Leg;
import io.maskgate.sip.transaction.ClientTransaction;
import io.maskgate.sip.transaction.ClientTransactionListener;
import io.maskgate.sip.transaction.Destination;
import io.maskgate.sip.transaction.ServerTransaction;
import io.maskgate.sip.transaction.TransactionLayer;
import io.maskgate.sip.transaction.TransactionUser;
import io.maskgate.sip.transport.InboundRequest;
import io.maskgate.sip.transport.InboundResponse;
import io.maskgate.sip.transport.SipTransportType;
import io.maskgate.sip.trunk.TrunkGroup;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The B2BUA of DESIGN.md section 6, the {@link TransactionUser} above the transaction layer.
 *
 * <p>A new INVITE from a trusted carrier (the ACL) to proxy number V from caller X is routed by
 * the gateway-core {@link Router}; refused, it is answered with the reason's status and nothing
 * leaves on the callee side; routed, a {@link Call} sends a fresh INVITE to a trunk and pairs the
 * two dialogs for the life of the call. Everything else (in-dialog requests, ACKs, CANCELs, stray
 * 2xx) is dispatched to its call by the {@link DialogTable}.
 *
 * <p>Who is the caller: the user part of P-Asserted-Identity when the carrier is trusted and
 * {@link B2buaOptions#trustAssertedIdentity()} is set (RFC 3325 section 6: the network asserted
 * it; From is whatever the user typed), else the user part of From. V is the user part of the
 * Request-URI (a tel: URI's number), without user parameters.
 */
public final class B2bua implements TransactionUser {

    private static final Logger log = LoggerFactory.getLogger(B2bua.class);

    /** Methods relayed inside a dialog; BYE is answered here and re-issued on the other leg. */
    static final Set<String> RELAYED_METHODS = Set.of("INVITE", "UPDATE", "INFO", "PRACK", "OPTIONS");
    /** The Allow value of our 405s. */
    static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, INFO, PRACK";
    /** For requests whose answer changes nothing (BYE on a leg we are ending). */
    static final ClientTransactionListener IGNORE = new ClientTransactionListener() {
        @Override
        public void onResponse(ClientTransaction transaction, SipMessage response) {
        }

        @Override
        public void onTimeout(ClientTransaction transaction) {
            log.debug("no answer to {}", transaction.request());
        }

        @Override
        public void onTransportError(ClientTransaction transaction, Throwable cause) {
            log.debug("{} not sent: {}", transaction.request(), cause.getClass().getName());
        }
    };

    private static final long SWEEP_INTERVAL_MILLIS = 1000;

    private final B2buaOptions options;
    private final Router router;
    private final NumberNormalizer normalizer;
    private final TrunkGroup trunks;
    private final TransactionLayer layer;
    private final EgressLeakGuard guard;
    private final Clock clock;
    private final Map<SipTransportType, InetSocketAddress> sentBy;
    private final DialogTable table;
    private final CallMetrics metrics;
    private final CallEvents events;
    private final SipHeader retryAfter;
    private final DoubleSupplier shedShare;
    private volatile ScheduledFuture<?> sweeper;
    /** Starts as the options' ACL; {@link #carriers(List, List)} replaces it on a conf reload. */
    private volatile List<Cidr> trustedCarriers;
    private final Carriers carriers;
    private volatile boolean draining;
    private final Optional<DigestAuthenticator> authenticator;

    /**
     * @param normalizer the normaliser the router uses (same default country), for the leak patterns
     * @param sentBy the gateway's address per transport, written in Via and Contact (RFC 3261
     *     section 18.1.1); a transport missing here is not used for outbound legs
     * @param events where {@code call_connected} and {@code call_ended} go (not closed here)
     * @param nodeId this node's id in events
     * @param shedShare the share of new calls (0 .. 1) the transport is too far behind to take: that
     *     share of new INVITEs, drawn at random, is answered 503 with Retry-After before any lookup
     */
    public B2bua(B2buaOptions options, Router router, NumberNormalizer normalizer, TrunkGroup trunks,
            TransactionLayer layer, Map<SipTransportType, InetSocketAddress> sentBy, MeterRegistry registry,
            Clock clock, EventPublisher events, String nodeId, DoubleSupplier shedShare) {
        this.options = Objects.requireNonNull(options, "options");
        this.router = Objects.requireNonNull(router, "router");
        this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
        this.trunks = Objects.requireNonNull(trunks, "trunks");
        this.layer = Objects.requireNonNull(layer, "layer");
        this.sentBy = Map.copyOf(sentBy);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.guard = new EgressLeakGuard(registry);
        this.table = new DialogTable(options.maxCalls());
        this.metrics = new CallMetrics(registry, table::size);
        this.events = new CallEvents(events, nodeId, clock);
        this.retryAfter = new SipHeader("Retry-After", Long.toString(options.retryAfter().toSeconds()));
        this.trustedCarriers = options.trustedCarriers();
        this.carriers = new Carriers(options.carriers(), registry);
        this.shedShare = Objects.requireNonNull(shedShare, "shedShare");
        this.authenticator = options.digestAuth().map(a -> new DigestAuthenticator(a, clock));
    }

    /** Starts the max-duration sweeper; call after the transaction layer started. */
    public void start() {
        EventExecutor loop = layer.loopFor("maskgate-dialog-sweeper");
        sweeper = loop.scheduleAtFixedRate(this::sweep, SWEEP_INTERVAL_MILLIS, SWEEP_INTERVAL_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    public void stop() {
        ScheduledFuture<?> s = sweeper;
        if (s != null) {
            s.cancel(false);
        }
    }

    /**
     * Graceful drain: from now on a new out-of-dialog INVITE is answered 503 with Retry-After (the
     * carrier retries on another node, RFC 3261 section 21.5.4); in-dialog requests, ACKs, CANCELs
     * and responses of calls in progress keep flowing until each call ends.
     */
    public void drain() {
        draining = true;
    }

    /**
     * Replaces the carrier ACL and the named carriers (conf reload); calls in progress keep their
     * carrier's places.
     */
    public void carriers(List<Cidr> acl, List<CarrierOptions> named) {
        this.trustedCarriers = List.copyOf(acl);
        carriers.replace(named);
    }

    /** The carriers the running conf names, in its order. */
    public List<Carrier> carriers() {
        return carriers.carriers();
    }

    /** Calls in the dialog table. */
    public int activeCalls() {
        return table.size();
    }

    /**
     * Ends every call {@code which} selects, on its own loop (see {@link Call#terminate}); completes
     * with how many it ended. Calls not yet routed (the decision still pending) are not seen.
     */
    public java.util.concurrent.CompletableFuture<Integer> endCalls(java.util.function.Predicate<LiveCall> which,
            SipHeader reason) {
        List<Call> calls = table.all();
        java.util.concurrent.atomic.AtomicInteger ended = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CompletableFuture<?>[] each = new java.util.concurrent.CompletableFuture<?>[calls.size()];
        for (int i = 0; i < calls.size(); i++) {
            Call c = calls.get(i);
            java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
            each[i] = done;
            c.onHome(() -> {
                try {
                    if (c.live().filter(which).isPresent()) {
                        c.terminate(reason);
                        ended.incrementAndGet();
                    }
                } finally {
                    done.complete(null);
                }
            });
        }
        return java.util.concurrent.CompletableFuture.allOf(each).thenApply(v -> ended.get());
    }

    private void sweep() {
        for (Call c : table.startedBefore(clock.instant().minus(options.maxCallDuration()))) {
            c.onHome(c::expire);
        }
    }

    // ---------------------------------------------------------------- TransactionUser

    @Override
    public void onRequest(ServerTransaction tx) {
        SipMessage req = tx.request();
        if (req.toTag().isEmpty() && req.method().equals("INVITE")) {
            newCall(tx);
            return;
        }
        Optional<Located> found = locate(req, true);
        if (found.isPresent()) {
            Located l = found.get();
            l.call.onHome(() -> l.call.inDialog(tx, l.leg));
            return;
        }
        int status = req.toTag().isPresent() || req.method().equals("BYE") || req.method().equals("PRACK")
                || req.method().equals("UPDATE") || req.method().equals("INFO") ? 481 : 405;
        List<SipHeader> extra = status == 405 ? List.of(new SipHeader("Allow", ALLOW)) : List.of();
        tx.respond(req.createResponse(status, ReasonPhrases.of(status), extra));
    }

    @Override
    public void onAck(InboundRequest ack) {
        locate(ack.request(), true).ifPresent(l -> l.call.onHome(() -> l.call.ack(l.leg, ack.request())));
    }

    @Override
    public void onCancelled(ServerTransaction inviteTransaction) {
        locate(inviteTransaction.request(), true).ifPresent(l -> l.call.onHome(() -> {
            if (l.call.invite().filter(t -> t == inviteTransaction).isPresent()) {
                l.call.cancelled();
            } else {
                l.call.cancelledRelay(inviteTransaction);
            }
        }));
        // a CANCEL of an INVITE we no longer track: its final answer was already given
    }

    @Override
    public void onStrayResponse(InboundResponse response) {
        SipMessage r = response.response();
        if (r.statusCode() / 100 != 2 || !r.method().equals("INVITE")) {
            return;
        }
        locate(r, false).ifPresent(l -> l.call.onHome(() -> l.call.strayTwoXx(l.leg, r)));
    }

    // ---------------------------------------------------------------- new calls

    private void newCall(ServerTransaction tx) {
        SipMessage req = tx.request();
        metrics.attempted();
        InetAddress address = tx.connection().remote().getAddress();
        byte[] source = address == null ? null : address.getAddress(); // one copy for the ACL and the carriers
        if (source == null || !Cidr.anyContains(trustedCarriers, source)) {
            refuse(tx, 403, List.of(), CallOutcome.REFUSED_ACL, null);
            log.info("INVITE from an address outside the carrier ACL refused");
            return;
        }
        Carrier carrier = carriers.of(source).orElse(null);
        String carrierName = carrier == null ? null : carrier.name();
        if (draining) {
            refuse(tx, 503, List.of(retryAfter), CallOutcome.REFUSED_DRAINING, carrierName);
            return;
        }
        if (shed()) {
            // the calls already admitted are waiting in the receive queue: they go first (RFC 6357)
            refuse(tx, 503, List.of(retryAfter), CallOutcome.REFUSED_BACKLOG, carrierName);
            return;
        }
        if (authenticator.isPresent() && !authenticated(tx, authenticator.get(), carrierName)) {
            return;
        }
        Optional<String> proxy = SipUris.userPart(req.requestUri());
        Optional<String> caller = callerOf(req, carrier == null ? options.trustAssertedIdentity()
                : carrier.trustsAssertedIdentity(options.trustAssertedIdentity()));
        if (proxy.isEmpty() || caller.isEmpty()) {
            refuse(tx, 484, List.of(), CallOutcome.REFUSED_INVALID_NUMBER, carrierName);
            return;
        }
        if (req.fromTag().isEmpty()) {
            // RFC 3261 section 8.1.1.3: the From tag is mandatory; without it the dialog has no id
            tx.respond(req.createResponse(400, "Missing From Tag", List.of()));
            return;
        }
        if (!table.reserve()) {
            refuse(tx, 503, List.of(retryAfter), CallOutcome.REFUSED_OVERLOAD, carrierName);
            return;
        }
        if (carrier != null && !carrier.tryAdmit()) {
            table.release();
            // what the carrier bought is in use: it retries elsewhere, as for any 503 (RFC 3261 21.5.4)
            refuse(tx, 503, List.of(retryAfter), CallOutcome.REFUSED_CARRIER_LIMIT, carrierName);
            return;
        }
        EventExecutor home = layer.loopFor(req.callId().orElse(""));
        Call call = new Call(this, home, tx, inboundDialog(tx), carrier);
        if (!table.addInbound(req.callId().orElse(""), req.fromTag().get(), call)) {
            table.release();
            if (carrier != null) {
                carrier.release();
            }
            // RFC 3261 section 8.2.2.2: same Call-ID and From tag, new branch: a merged request
            tx.respond(req.createResponse(482, "Loop Detected", List.of()));
            return;
        }
        call.onHome(() -> call.route(proxy.get(), caller.get(), normalized(caller.get())));
    }

    /** Asks for digest credentials (407), or refuses wrong ones (403); true when the INVITE may go on. */
    private boolean authenticated(ServerTransaction tx, DigestAuthenticator auth, String carrier) {
        DigestAuthenticator.Verdict verdict = auth.check(tx.request());
        if (verdict instanceof DigestAuthenticator.Verdict.Challenge challenge) {
            refuse(tx, 407, challenge.headers(), CallOutcome.CHALLENGED, carrier);
            return false;
        }
        if (verdict instanceof DigestAuthenticator.Verdict.Refused) {
            refuse(tx, 403, List.of(), CallOutcome.REFUSED_AUTH, carrier);
            log.info("INVITE with wrong digest credentials refused");
            return false;
        }
        return true;
    }

    /** Draws whether this new call is one of the share the transport cannot take now. */
    private boolean shed() {
        double share = shedShare.getAsDouble();
        return share > 0 && (share >= 1 || ThreadLocalRandom.current().nextDouble() < share);
    }

    /** @param trustAssertedIdentity whether the carrier that sent it screens P-Asserted-Identity (RFC 3325) */
    private static Optional<String> callerOf(SipMessage req, boolean trustAssertedIdentity) {
        if (trustAssertedIdentity) {
            for (String pai : req.headerValues("P-Asserted-Identity")) {
                Optional<String> user = SipUris.userPart(pai);
                if (user.isPresent()) {
                    return user;
                }
            }
        }
        return req.header("From").flatMap(SipUris::userPart);
    }

    private Optional<PhoneNumber> normalized(String raw) {
        try {
            return Optional.of(normalizer.normalize(raw));
        } catch (InvalidNumberException e) {
            return Optional.empty(); // the router refuses the same text with INVALID_NUMBER
        }
    }

    /** The caller's dialog as the UAS sees it (RFC 3261 section 12.1.1). */
    private Dialog inboundDialog(ServerTransaction tx) {
        SipMessage req = tx.request();
        Destination back = new Destination(tx.connection().transport(), tx.connection().remote());
        String remoteTarget = req.header("Contact").flatMap(SipUris::uri).orElse(req.requestUri());
        Dialog d = new Dialog(Leg.INBOUND, req.callId().orElse(""), Call.newTag(),
                SipUris.withoutTag(req.header("To").orElse("")), SipUris.withoutTag(req.header("From").orElse("")),
                remoteTarget, back, sentBy(back), 0);
        d.remoteTag(req.fromTag().orElseThrow());
        d.routeSetFromRequest(req);
        return d;
    }

    /** @param carrier the conf name of the carrier the INVITE came from; null when none is named for it */
    private void refuse(ServerTransaction tx, int status, List<SipHeader> extra, CallOutcome outcome, String carrier) {
        metrics.ended(outcome, carrier); // first: the answer may be read by the peer before respond returns
        tx.respond(tx.request().createResponse(status, ReasonPhrases.of(status), extra));
    }

    /** The call and leg a message belongs to: our outbound Call-IDs first, then (Call-ID, caller's tag). */
    private Optional<Located> locate(SipMessage m, boolean request) {
        Optional<String> callId = m.callId();
        if (callId.isEmpty()) {
            return Optional.empty();
        }
        Optional<Call> out = table.byOutbound(callId.get());
        if (out.isPresent()) {
            return Optional.of(new Located(out.get(), Leg.OUTBOUND));
        }
        Optional<String> callerTag = request ? m.fromTag() : m.toTag();
        return callerTag.flatMap(tag -> table.byInbound(callId.get(), tag)).map(c -> new Located(c, Leg.INBOUND));
    }

    private record Located(Call call, Leg leg) {
    }

    // ---------------------------------------------------------------- for calls

    void forget(Call call, String inCallId, String callerTag, Optional<String> outCallId) {
        table.remove(inCallId, callerTag, outCallId, call);
    }

    InetSocketAddress sentBy(Destination d) {
        InetSocketAddress a = sentBy.get(d.transport());
        if (a == null) {
            throw new IllegalStateException("no local address for " + d.transport());
        }
        return a;
    }

    B2buaOptions options() {
        return options;
    }

    Router router() {
        return router;
    }

    String defaultCountryCode() {
        return normalizer.defaultCountryCode();
    }

    TrunkGroup trunks() {
        return trunks;
    }

    TransactionLayer layer() {
        return layer;
    }

    DialogTable table() {
        return table;
    }

    HeaderPolicy policy() {
        return options.headerPolicy();
    }

    EgressLeakGuard guard() {
        return guard;
    }

    CallMetrics metrics() {
        return metrics;
    }

    CallEvents events() {
        return events;
    }

    Clock clock() {
        return clock;
    }

    SipHeader retryAfter() {
        return retryAfter;
    }

    @Override
    public String toString() {
        return "B2bua[" + table + "]";
    }
}
