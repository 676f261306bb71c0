package io.maskgate.sip.transaction;

import io.maskgate.sip.codec.SipMessage;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The INVITE client transaction of RFC 3261 section 17.1.1 (figure 5): Calling (timer A
 * retransmits over UDP from T1, doubling; timer B gives up after 64*T1) -> Proceeding on 1xx ->
 * Completed on 3xx-6xx, where the layer sends the ACK itself and re-sends it for every
 * retransmitted final response until timer D -> Terminated; or -> Terminated on 2xx, which the TU
 * ACKs end to end.
 *
 * <p>Timer B only runs in Calling, as in the RFC: once a provisional arrived, ending an unanswered
 * call is the TU's decision ({@link #cancel()}); a CANCEL that gets no final response for the
 * INVITE within 64*T1 ends the transaction with a timeout (RFC 3261 section 9.1).
 */
final class InviteClientTransaction extends ClientTransactionBase {

    private static final Logger log = LoggerFactory.getLogger(InviteClientTransaction.class);

    private Duration timerA;
    private SipMessage ack;
    private boolean cancelWanted;
    private boolean cancelSent;

    InviteClientTransaction(TransactionContext ctx, EventExecutor loop, TransactionKey key, SipMessage request,
            Destination destination, ClientTransactionListener listener) {
        super(ctx, loop, key, request, destination, listener, TransactionState.CALLING);
        this.timerA = ctx.options().t1();
    }

    @Override
    public boolean isInvite() {
        return true;
    }

    @Override
    void start() {
        sendToDestination(request());
        if (overUdp()) {
            after(timerA, this::timerA);
        }
        after(ctx.options().sixtyFourT1(), this::timerB);
    }

    private void timerA() {
        if (is(TransactionState.CALLING)) {
            retransmit();
            timerA = timerA.multipliedBy(2);
            after(timerA, this::timerA);
        }
    }

    private void timerB() {
        if (is(TransactionState.CALLING)) {
            timedOut(TransactionMetrics.TIMER_B);
        }
    }

    @Override
    void onResponse(SipMessage response) {
        int status = response.statusCode();
        if (is(TransactionState.COMPLETED)) {
            if (status >= 300) {
                ctx.metrics().retransmittedIn();
                ctx.metrics().retransmittedOut();
                sendToDestination(ack); // RFC 3261 section 17.1.1.2: every retransmission is ACKed
            }
            return;
        }
        if (!is(TransactionState.CALLING) && !is(TransactionState.PROCEEDING)) {
            return;
        }
        if (status < 200) {
            provisional(response);
        } else if (status < 300) {
            terminate();
            listener.onResponse(this, response);
        } else {
            completed(response);
        }
    }

    private void provisional(SipMessage response) {
        state(TransactionState.PROCEEDING);
        listener.onResponse(this, response);
        if (cancelWanted && !cancelSent && is(TransactionState.PROCEEDING)) {
            sendCancel();
        }
    }

    private void completed(SipMessage response) {
        state(TransactionState.COMPLETED);
        ack = request().createNonSuccessAck(response).compact(); // kept for timer D only
        sendToDestination(ack);
        listener.onResponse(this, response);
        compact(); // after the TU read what it wanted
        terminateAfter(ctx.options().timerD(destination().transport()));
    }

    @Override
    public void cancel() {
        onLoop(() -> {
            if (cancelWanted) {
                return;
            }
            cancelWanted = true;
            if (is(TransactionState.PROCEEDING)) {
                sendCancel();
            }
        });
    }

    /** RFC 3261 section 9.1: the CANCEL is its own non-INVITE transaction with the INVITE's branch. */
    private void sendCancel() {
        cancelSent = true;
        ctx.layer().send(request().createCancel(), destination(), CancelListener.INSTANCE);
        after(ctx.options().sixtyFourT1(), () -> {
            if (is(TransactionState.PROCEEDING)) {
                timedOut(TransactionMetrics.TIMER_B);
            }
        });
    }

    /** The CANCEL's own outcome changes nothing: the INVITE's final response (487 or 2xx) decides. */
    private enum CancelListener implements ClientTransactionListener {
        INSTANCE;

        @Override
        public void onResponse(ClientTransaction transaction, SipMessage response) {
            log.debug("CANCEL answered {}", response.statusCode());
        }

        @Override
        public void onTimeout(ClientTransaction transaction) {
            log.debug("CANCEL timed out");
        }

        @Override
        public void onTransportError(ClientTransaction transaction, Throwable cause) {
            log.debug("CANCEL not sent: {}", cause.getClass().getName());
        }
    }
}
