package io.maskgate.sip.transaction;

import io.maskgate.sip.codec.RetransmissionProbe;
import io.maskgate.sip.codec.SipHeader;
import io.maskgate.sip.codec.SipMessage;
import io.maskgate.sip.transport.InboundRequest;
import io.maskgate.sip.transport.InboundResponse;
import io.maskgate.sip.transport.SipConnection;
import io.maskgate.sip.transport.SipInbound;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.concurrent.EventExecutor;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transaction layer of RFC 3261 section 17, between the transport ({@link SipInbound} below)
 * and the TU (the B2BUA, above).
 *
 * <p>Inbound requests are matched to server transactions by RFC 3261 section 17.2.3 (see
 * {@link TransactionKey}): a retransmission is absorbed, an ACK for a 3xx-6xx ends its INVITE
 * transaction, anything new becomes a {@link ServerTransaction} handed to
 * {@link TransactionUser#onRequest}. ACKs matching nothing go to {@link TransactionUser#onAck}; a
 * CANCEL is answered here (200 when it matches an INVITE transaction, 481 otherwise, RFC 3261
 * section 9.2). Inbound responses are matched to client transactions by section 17.1.3; the rest
 * go to {@link TransactionUser#onStrayResponse}.
 *
 * <p>Wiring, since the transport needs its {@link SipInbound} before it starts and the layer
 * needs the transport to send:
 * <pre>{@code
 * TransactionLayer layer = new TransactionLayer(TransactionOptions.create(), registry);
 * SipTransport transport = SipTransport.start(transportOptions, screen, layer, registry);
 * layer.start(TransactionTransport.of(transport), b2bua);   // b2bua got the layer in its constructor
 * }</pre>
 * Messages that arrive before {@link #start} are dropped (UDP peers retransmit).
 *
 * <p>Threads: every transaction lives on the event loop of its Call-ID (the loop the transport
 * delivers that Call-ID on), as do its timers and the TU and listener calls about it. The table is
 * shared between loops and bounded by {@link TransactionOptions#maxTransactions()}.
 */
public final class TransactionLayer implements SipInbound {

    private static final Logger log = LoggerFactory.getLogger(TransactionLayer.class);

    /** Handles a request that matched no transaction, by method (STYLE.md rule 1: a map, not a chain). */
    @FunctionalInterface
    private interface NewRequestHandler {
        void handle(TransactionContext ctx, InboundRequest request, TransactionKey key);
    }

    private final TransactionOptions options;
    private final TransactionTable table;
    private final TransactionMetrics metrics;
    private final Map<String, NewRequestHandler> newRequestHandlers = Map.of(
            "ACK", (ctx, request, key) -> ctx.user().onAck(request),
            "CANCEL", this::onNewCancel,
            "INVITE", this::onNewInvite);
    private final NewRequestHandler otherRequests = this::onNewNonInvite;
    private final MeterRegistry registry;
    private volatile TransactionContext ctx;
    private volatile UdpSizeLimit sizeLimit;

    /**
     * A layer that is not yet attached to a transport; see the class comment for the wiring.
     *
     * @param options the timers and the table bound
     * @param registry where the meters of {@link TransactionMetrics} are registered
     */
    public TransactionLayer(TransactionOptions options, MeterRegistry registry) {
        this.options = Objects.requireNonNull(options, "options");
        this.table = new TransactionTable(options.maxTransactions());
        this.metrics = new TransactionMetrics(Objects.requireNonNull(registry, "registry"), table::size);
        this.registry = registry;
    }

    /**
     * Attaches the transport below and the TU above; call once, before any traffic matters.
     *
     * @throws IllegalStateException when called twice
     */
    public void start(TransactionTransport transport, TransactionUser user) {
        start(transport, user, UdpSizeLimit.none(registry));
    }

    /**
     * Attaches the transport below and the TU above, with the RFC 3261 section 18.1.1 size rule
     * applied to every request sent over UDP; call once, before any traffic matters.
     *
     * @throws IllegalStateException when called twice
     */
    public void start(TransactionTransport transport, TransactionUser user, UdpSizeLimit udpSizeLimit) {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(udpSizeLimit, "udpSizeLimit");
        synchronized (this) {
            if (ctx != null) {
                throw new IllegalStateException("transaction layer already started");
            }
            sizeLimit = udpSizeLimit;
            ctx = new TransactionContext(options, metrics, table, transport, user, this, new LingerTimers());
        }
    }

    public TransactionOptions options() {
        return options;
    }

    /** Live transactions, client and server. */
    public int activeTransactions() {
        return table.size();
    }

    // ---- inbound, from the transport, on the Call-ID's loop ----

    @Override
    public void onRequest(InboundRequest inbound) {
        TransactionContext c = ctx;
        if (c == null) {
            log.debug("{} dropped: transaction layer not started", inbound.request());
            return;
        }
        TransactionKey key = TransactionKey.server(inbound.request());
        ServerTransactionBase existing = table.server(key);
        if (existing != null) {
            existing.onLoop(() -> existing.onRequestAgain(inbound));
            return;
        }
        newRequestHandlers.getOrDefault(inbound.request().method(), otherRequests).handle(c, inbound, key);
    }

    /**
     * A UDP request that is a byte-identical copy of one a live server transaction holds, from the
     * same peer, is that transaction's retransmission: it is answered as one (the last response
     * re-sent, or absorbed) without being parsed. Anything else, including a copy that differs in
     * one byte, is left to {@link #onRequest} after parsing, where it is matched as before.
     */
    @Override
    public boolean absorbedUnparsed(RetransmissionProbe probe, SipConnection connection) {
        if (ctx == null) {
            return false;
        }
        Optional<TransactionKey> key = TransactionKey.server(probe.method(), probe.topVia());
        ServerTransactionBase existing = key.isEmpty() ? null : table.server(key.get());
        if (existing == null || !existing.isCopyOfRequest(probe, connection)) {
            return false;
        }
        metrics.absorbedUnparsed();
        existing.onLoop(existing::onRetransmission);
        return true;
    }

    @Override
    public void onResponse(InboundResponse inbound) {
        TransactionContext c = ctx;
        if (c == null) {
            log.debug("{} dropped: transaction layer not started", inbound.response());
            return;
        }
        Optional<ClientTransactionBase> tx = TransactionKey.client(inbound.response()).map(table::client);
        if (tx.isPresent()) {
            ClientTransactionBase t = tx.get();
            t.onLoop(() -> {
                t.heard();
                t.onResponse(inbound.response());
            });
        } else {
            c.user().onStrayResponse(inbound);
        }
    }

    private void onNewInvite(TransactionContext c, InboundRequest inbound, TransactionKey key) {
        InviteServerTransaction tx = new InviteServerTransaction(c, loopOf(c, inbound.request()), key, inbound);
        if (admit(inbound, key, tx)) {
            tx.start();
            handOver(c, tx);
        }
    }

    private void onNewNonInvite(TransactionContext c, InboundRequest inbound, TransactionKey key) {
        NonInviteServerTransaction tx = new NonInviteServerTransaction(c, loopOf(c, inbound.request()), key, inbound);
        if (admit(inbound, key, tx)) {
            handOver(c, tx);
        }
    }

    /**
     * Gives a new transaction to the TU. A TU that throws would leave the transaction waiting for a
     * response forever (no timer ends a server transaction before its final response), so the
     * request is answered 500 then (fail closed).
     */
    private static void handOver(TransactionContext c, ServerTransactionBase tx) {
        try {
            c.user().onRequest(tx);
        } catch (RuntimeException e) {
            log.warn("transaction user failed on {}: {}", tx, e.getClass().getName());
            log.debug("transaction user failure", e);
            if (!tx.finalSent()) {
                tx.respond(tx.request().createResponse(500, "Server Internal Error", List.of()));
            }
        }
    }

    /**
     * RFC 3261 section 9.2: a CANCEL matching an INVITE server transaction is answered 200 and the
     * TU told (when no final response was sent yet); one that matches nothing is answered 481. The
     * CANCEL gets its own non-INVITE transaction, so its retransmissions are answered the same.
     */
    private void onNewCancel(TransactionContext c, InboundRequest inbound, TransactionKey key) {
        ServerTransactionBase invite = table.server(key.withMethod("INVITE"));
        SipMessage answer = invite != null
                ? inbound.request().createResponse(200, "OK", List.of())
                : inbound.request().createResponse(481, "Call/Transaction Does Not Exist", List.of());
        NonInviteServerTransaction tx = new NonInviteServerTransaction(c, loopOf(c, inbound.request()), key, inbound);
        // a CANCEL ends admitted work, so it may use the table's reserve
        if (table.addServer(key, tx, true)) {
            tx.respond(answer);
        } else {
            inbound.reply(answer); // table full: still answer, statelessly
        }
        if (invite != null) {
            invite.onLoop(invite::onCancelled);
        }
    }

    /**
     * Adds a new server transaction, or answers 503 (RFC 3261 section 21.5.4) when the table is
     * full. An in-dialog request other than INVITE (BYE, PRACK, UPDATE, INFO ...) ends or carries
     * a call already admitted, so it may use the table's reserve (see {@link TransactionTable}).
     */
    private boolean admit(InboundRequest inbound, TransactionKey key, ServerTransactionBase tx) {
        SipMessage request = inbound.request();
        boolean finishing = !request.method().equals("INVITE") && request.toTag().isPresent();
        if (table.addServer(key, tx, finishing)) {
            return true;
        }
        metrics.refused();
        log.debug("{} refused: {} live transactions", inbound.request(), table.size());
        inbound.reply(inbound.request().createResponse(503, "Service Unavailable",
                List.of(new SipHeader("Retry-After", Long.toString(options.overloadRetryAfter().toSeconds())))));
        return false;
    }

    // ---- outbound, from the TU, any thread ----

    /**
     * Starts a client transaction: sends {@code request} to {@code destination} and reports its
     * responses to {@code listener} on the request's Call-ID loop. The request is sent as the TU
     * built it: the TU sets the top Via with an RFC 3261 branch ({@link #newBranch()}), Max-Forwards,
     * CSeq and the rest (RFC 3261 section 8.1.1).
     *
     * @param request an INVITE or non-INVITE request other than ACK (ACK is sent with
     *     {@link #sendStateless}); its top Via must carry a branch starting with z9hG4bK
     * @throws IllegalArgumentException when the request is an ACK, a response, has no Call-ID, no
     *     RFC 3261 branch, or reuses the branch and method of a live client transaction
     * @throws IllegalStateException before {@link #start}
     */
    public ClientTransaction send(SipMessage request, Destination destination, ClientTransactionListener listener) {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(listener, "listener");
        TransactionContext c = started();
        TransactionKey key = clientKey(request);
        // before the transaction exists: moved to TCP, it must not run UDP's retransmission timers
        UdpSizeLimit.Routed routed = sizeLimit.route(request, destination);
        EventExecutor loop = loopOf(c, request);
        ClientTransactionBase tx = request.method().equals("INVITE")
                ? new InviteClientTransaction(c, loop, key, routed.message(), routed.destination(), listener)
                : new NonInviteClientTransaction(c, loop, key, routed.message(), routed.destination(), listener);
        if (routed.movedToTcp()) {
            tx.udpRetry(request, destination);
        }
        if (table.addClient(key, tx)) {
            tx.onLoop(tx::start);
            return tx;
        }
        if (table.client(key) != null) {
            throw new IllegalArgumentException("a live client transaction already uses this branch and method");
        }
        metrics.refused();
        tx.state(TransactionState.TERMINATED);
        loop.execute(() -> listener.onTransportError(tx, TransactionTableFullException.create(table.hardMax())));
        return tx;
    }

    private static TransactionKey clientKey(SipMessage request) {
        Objects.requireNonNull(request, "request");
        if (!request.isRequest() || request.method().equals("ACK")) {
            throw new IllegalArgumentException("a client transaction sends a request other than ACK");
        }
        if (request.callId().isEmpty()) {
            throw new IllegalArgumentException("request has no Call-ID");
        }
        Optional<String> branch = request.vias().isEmpty() ? Optional.empty() : request.vias().get(0).branch();
        if (branch.isEmpty() || !TransactionKey.isRfc3261Branch(branch.get())) {
            throw new IllegalArgumentException("top Via needs a branch starting with " + TransactionKey.MAGIC_COOKIE);
        }
        return TransactionKey.client(request).orElseThrow();
    }

    /**
     * Sends a message outside any transaction: the ACK for a 2xx (RFC 3261 section 13.2.2.4), a
     * stateless response. The message is sent as given, except that a request too large for UDP
     * moves to TCP ({@link UdpSizeLimit}).
     */
    public CompletableFuture<Void> sendStateless(SipMessage message, Destination destination) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(destination, "destination");
        TransactionContext c = started();
        UdpSizeLimit.Routed routed = sizeLimit.route(message, destination);
        return c.transport().send(routed.message(), routed.destination());
    }

    /**
     * Starts retransmitting a 2xx the TU sent through {@code inviteTransaction}, per RFC 3261
     * section 13.3.1.4; see {@link TwoXxRetransmitter}.
     *
     * @param onNoAck runs on the transaction's loop when 64*T1 pass without
     *     {@link TwoXxRetransmitter#ackReceived()}: the TU should send BYE
     */
    public TwoXxRetransmitter retransmit2xx(ServerTransaction inviteTransaction, SipMessage twoXx, Runnable onNoAck) {
        Objects.requireNonNull(inviteTransaction, "inviteTransaction");
        Objects.requireNonNull(twoXx, "twoXx");
        if (twoXx.isRequest() || twoXx.statusCode() / 100 != 2 || !inviteTransaction.isInvite()) {
            throw new IllegalArgumentException("retransmit2xx takes a 2xx to an INVITE");
        }
        // the loop of the 2xx's Call-ID, the INVITE's: the request itself is released by now
        TransactionContext c = started();
        TwoXxRetransmitter r = new TwoXxRetransmitter(loopOf(c, twoXx),
                inviteTransaction.connection(), twoXx, options, onNoAck, metrics, c::mayRetransmit);
        r.start();
        return r;
    }

    /** A new RFC 3261 branch: the magic cookie and 64 random bits, unique enough (section 8.1.1.7). */
    public static String newBranch() {
        return TransactionKey.MAGIC_COOKIE + Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    }

    /** The event loop of a Call-ID: where its transactions, timers and TU callbacks run. */
    public EventExecutor loopFor(String callId) {
        return started().transport().loopFor(callId);
    }

    /**
     * A new random Call-ID handled by the same event loop as {@code sameLoopAs}: a B2BUA that gives
     * its outbound leg such a Call-ID sees both legs of a call on one thread, without locks.
     */
    public String newCallId(String sameLoopAs) {
        TransactionTransport t = started().transport();
        EventExecutor wanted = t.loopFor(sameLoopAs);
        String candidate = randomCallId();
        for (int i = 0; i < 1024 && t.loopFor(candidate) != wanted; i++) {
            candidate = randomCallId();
        }
        return candidate;
    }

    private static String randomCallId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return Long.toHexString(r.nextLong() | Long.MIN_VALUE) + Long.toHexString(r.nextLong() | Long.MIN_VALUE);
    }

    private TransactionContext started() {
        TransactionContext c = ctx;
        if (c == null) {
            throw new IllegalStateException("transaction layer not started");
        }
        return c;
    }

    private static EventExecutor loopOf(TransactionContext c, SipMessage message) {
        return c.transport().loopFor(message.callId().orElse(""));
    }

    @Override
    public String toString() {
        return "TransactionLayer[active=" + table.size() + "/" + table.max() + "]";
    }

    /** The RFC 3261 section 18.1.1 size rule in force (for a client transaction's UDP retry). */
    UdpSizeLimit sizeLimit() {
        return sizeLimit;
    }

}
