package io.maskgate.sip.transaction;

import io.maskgate.sip.codec.RetransmissionProbe;
import io.maskgate.sip.codec.SipMessage;
import io.maskgate.sip.transport.InboundRequest;
import io.maskgate.sip.transport.SipConnection;
import io.netty.util.concurrent.EventExecutor;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both server transactions share: the request (until the final response), the last response
 * sent (re-sent when the request is retransmitted) and sending through the connection the request
 * came on.
 */
abstract class ServerTransactionBase extends TransactionBase implements ServerTransaction {

    private static final Logger log = LoggerFactory.getLogger(ServerTransactionBase.class);

    private final SipConnection connection;
    /** Null once a final response was sent (see {@link #send}). */
    private SipMessage request;
    /** What a retransmitted request gets again; compact once final, null when nothing is re-sent. */
    private SipMessage lastResponse;
    /**
     * The {@link io.maskgate.sip.codec.WireFingerprint} of the request as received over UDP, for
     * {@link #isCopyOfRequest}; 0 over a stream transport, which has no retransmissions.
     */
    private final long requestFingerprint;

    ServerTransactionBase(TransactionContext ctx, EventExecutor loop, TransactionKey key, InboundRequest inbound,
            TransactionState initial) {
        super(ctx, loop, key, initial);
        this.connection = inbound.connection();
        this.request = inbound.request();
        this.requestFingerprint = connection.transport().isStream() ? 0
                : inbound.request().receivedFingerprint().orElse(0);
    }

    @Override
    public final SipMessage request() {
        SipMessage r = request;
        if (r == null) {
            throw new IllegalStateException("the request of " + this + " was released after its final response");
        }
        return r;
    }

    @Override
    public final boolean finalSent() {
        return request == null;
    }

    @Override
    public final SipConnection connection() {
        return connection;
    }

    @Override
    public final void respond(SipMessage response) {
        Objects.requireNonNull(response, "response");
        if (response.isRequest()) {
            throw new IllegalArgumentException("not a response");
        }
        onLoop(() -> {
            if (!accept(response)) {
                log.debug("{} dropped: transaction {} is {}", response, key, state());
            }
        });
    }

    /** Sends the response and moves the state machine; false when the state does not allow it. Runs on the loop. */
    abstract boolean accept(SipMessage response);

    /** The same request again (a retransmission, or for INVITE its ACK); runs on the loop. */
    abstract void onRequestAgain(InboundRequest request);

    /** A retransmission of the request (never its ACK); runs on the loop. */
    abstract void onRetransmission();

    /**
     * True when {@code probe} is this transaction's request sent again, unparsed: the same bytes
     * (by fingerprint) from the same peer to the same socket. The caller found this transaction by
     * the probe's key, so method, branch and sent-by already match. Any thread.
     */
    final boolean isCopyOfRequest(RetransmissionProbe probe, SipConnection from) {
        return requestFingerprint != 0 && from.remote().equals(connection.remote())
                && from.local().equals(connection.local()) && probe.fingerprint() == requestFingerprint;
    }

    /** A CANCEL for this transaction was answered 200; runs on the loop. */
    void onCancelled() {
        // only an INVITE can be cancelled (RFC 3261 section 9.2)
    }

    /**
     * Sends a response through the request's connection and remembers it for {@link #resendLast}
     * when {@code keep}. A final response releases the request: from here the transaction only
     * waits out its timer (J, or L/G/H/I for INVITE: up to 64*T1) and matches retransmissions by
     * key; the response is kept as bytes only.
     */
    final void send(SipMessage response, boolean keep) {
        connection.send(response).whenComplete((ok, error) -> {
            if (error != null) {
                loop.execute(() -> transportError(error)); // later: the caller may still be moving the state
            }
        });
        if (response.statusCode() < 200) {
            lastResponse = keep ? response : null;
        } else {
            lastResponse = keep ? response.compact() : null;
            request = null;
        }
    }

    /** Re-sends the last response after a retransmitted request or timer G; nothing when none is kept. */
    final void resendLast() {
        if (lastResponse != null) {
            ctx.metrics().retransmittedOut();
            connection.send(lastResponse);
        }
    }

    /** RFC 3261 section 17.2.4: the TU is told and the transaction ends. */
    private void transportError(Throwable error) {
        if (is(TransactionState.TERMINATED)) {
            return;
        }
        log.debug("response of {} could not be sent: {}", key, error.getClass().getName());
        terminate();
        ctx.user().onServerTransportError(this, error);
    }

    @Override
    final void leaveTable() {
        ctx.table().removeServer(key, this);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + state() + "]";
    }
}
