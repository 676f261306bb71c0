package io.maskgate.sip.transaction;

import io.maskgate.sip.codec.SipMessage;
import io.netty.util.concurrent.EventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both client transactions share: the request, the destination, the listener, sending (and
 * re-sending) the request, and ending on a transport error (RFC 3261 section 17.1.4).
 */
abstract class ClientTransactionBase extends TransactionBase implements ClientTransaction {

    private static final Logger log = LoggerFactory.getLogger(ClientTransactionBase.class);

    /** Compacted by {@link #compact()} once the transaction only waits out its last timer. */
    private SipMessage request;
    private Destination destination;
    final ClientTransactionListener listener;
    /** The UDP form of a request moved to TCP for its size, until the first answer (see {@link #udpRetry}). */
    private UdpForm udpForm;

    private record UdpForm(SipMessage request, Destination destination) {
    }

    ClientTransactionBase(TransactionContext ctx, EventExecutor loop, TransactionKey key, SipMessage request,
            Destination destination, ClientTransactionListener listener, TransactionState initial) {
        super(ctx, loop, key, initial);
        this.request = request;
        this.destination = destination;
        this.listener = listener;
    }

    @Override
    public final SipMessage request() {
        return request;
    }

    @Override
    public final Destination destination() {
        return destination;
    }

    @Override
    public final String branch() {
        return request.vias().get(0).branch().orElseThrow();
    }

    @Override
    public void cancel() {
        // only an INVITE can be cancelled (RFC 3261 section 9.1)
    }

    /**
     * Remembers the UDP form of a request that {@link UdpSizeLimit} moved to TCP: when the TCP
     * connection is refused before anything was heard, the request goes again over UDP (RFC 3261
     * section 18.1.1), within this transaction (same branch), now with UDP's timers. Before start.
     */
    final void udpRetry(SipMessage udpRequest, Destination udpDestination) {
        this.udpForm = new UdpForm(udpRequest, udpDestination);
    }

    /** Something was heard from the peer: the transport it answered on stays. */
    final void heard() {
        udpForm = null;
    }

    /** Sends the request for the first time and starts the timers; runs on the loop. */
    abstract void start();

    /** A response whose branch and CSeq method match; runs on the loop. */
    abstract void onResponse(SipMessage response);

    final boolean overUdp() {
        return !destination.transport().isStream();
    }

    /** Sends a message of this transaction (the request, a retransmission, our ACK) to the destination. */
    final void sendToDestination(SipMessage message) {
        ctx.transport().send(message, destination).whenComplete((ok, error) -> {
            if (error != null) {
                loop.execute(() -> transportError(error));
            }
        });
    }

    /**
     * Keeps the request as bytes only: called on entering Completed or Accepted, where the
     * transaction waits out timer D, K or M (up to 64*T1) to absorb retransmitted responses.
     */
    final void compact() {
        request = request.compact();
    }

    /** Timer A or E: sends the request again, unless the transport is still behind on what it received. */
    final void retransmit() {
        if (!ctx.mayRetransmit()) {
            return;
        }
        ctx.metrics().retransmittedOut();
        sendToDestination(request);
    }

    /** Timer B or F: no final response in time. */
    final void timedOut(String timer) {
        ctx.metrics().timeout(timer);
        terminate();
        listener.onTimeout(this);
    }

    private void transportError(Throwable error) {
        if (is(TransactionState.TERMINATED)) {
            return;
        }
        if (udpForm != null && refused(error)) {
            log.debug("{}: TCP connection refused, the request goes over UDP (RFC 3261 section 18.1.1)", key);
            request = udpForm.request();
            destination = udpForm.destination();
            udpForm = null;
            ctx.layer().sizeLimit().retriedOnUdp();
            cancelTimers();
            start();
            return;
        }
        log.debug("request of {} could not be sent: {}", key, error.getClass().getName());
        terminate();
        listener.onTransportError(this, error);
    }

    /**
     * A TCP reset in answer to our connection attempt (ECONNREFUSED); a connect that timed out is not
     * one, and gets the transaction's usual transport error.
     */
    private static boolean refused(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof io.netty.channel.ConnectTimeoutException) {
                return false;
            }
            if (t instanceof java.net.ConnectException) {
                return true;
            }
        }
        return false;
    }

    @Override
    final void leaveTable() {
        ctx.table().removeClient(key, this);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + state() + ", " + destination.transport().label() + "]";
    }
}
