package io.maskgate.sip.transaction;

import io.maskgate.sip.codec.SipMessage;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;

/**
 * The non-INVITE client transaction of RFC 3261 section 17.1.2 (figure 6): Trying (timer E
 * retransmits over UDP from T1, doubling up to T2; timer F gives up after 64*T1) -> Proceeding on
 * 1xx (timer E goes on at T2) -> Completed on a final response, where timer K (T4 over UDP, zero
 * over TCP/TLS) absorbs retransmitted responses -> Terminated.
 */
final class NonInviteClientTransaction extends ClientTransactionBase {

    private Duration timerE;

    NonInviteClientTransaction(TransactionContext ctx, EventExecutor loop, TransactionKey key, SipMessage request,
            Destination destination, ClientTransactionListener listener) {
        super(ctx, loop, key, request, destination, listener, TransactionState.TRYING);
        this.timerE = ctx.options().t1();
    }

    @Override
    public boolean isInvite() {
        return false;
    }

    @Override
    void start() {
        sendToDestination(request());
        if (overUdp()) {
            after(timerE, this::timerE);
        }
        after(ctx.options().sixtyFourT1(), this::timerF);
    }

    private void timerE() {
        if (is(TransactionState.TRYING) || is(TransactionState.PROCEEDING)) {
            retransmit();
            Duration doubled = timerE.multipliedBy(2);
            Duration t2 = ctx.options().t2();
            timerE = is(TransactionState.PROCEEDING) || doubled.compareTo(t2) > 0 ? t2 : doubled;
            after(timerE, this::timerE);
        }
    }

    private void timerF() {
        if (is(TransactionState.TRYING) || is(TransactionState.PROCEEDING)) {
            timedOut(TransactionMetrics.TIMER_F);
        }
    }

    @Override
    void onResponse(SipMessage response) {
        if (is(TransactionState.COMPLETED)) {
            ctx.metrics().retransmittedIn();
            return;
        }
        if (!is(TransactionState.TRYING) && !is(TransactionState.PROCEEDING)) {
            return;
        }
        if (response.statusCode() < 200) {
            state(TransactionState.PROCEEDING);
            listener.onResponse(this, response);
            return;
        }
        state(TransactionState.COMPLETED);
        listener.onResponse(this, response);
        compact(); // timer K only absorbs retransmitted responses: keep the request as bytes
        terminateAfter(ctx.options().timerIK(destination().transport())); // timer K
    }
}
