package io.maskgate.sip.transaction;

import io.maskgate.sip.codec.SipMessage;
import io.maskgate.sip.transport.InboundRequest;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.List;

/**
 * The INVITE server transaction of RFC 3261 section 17.2.1 (figure 7), with the Accepted state of
 * RFC 6026 section 7.1: Proceeding (100 Trying sent at once) -> Completed on 3xx-6xx (timer G
 * retransmits the response over UDP, timer H waits 64*T1 for the ACK) -> Confirmed on the ACK
 * (timer I absorbs ACK retransmissions) -> Terminated; or Proceeding -> Accepted on 2xx (timer L,
 * 64*T1, absorbs INVITE retransmissions so that they never reach the TU as a new call; ACKs go to
 * the TU) -> Terminated.
 */
final class InviteServerTransaction extends ServerTransactionBase {

    private Duration timerG;

    InviteServerTransaction(TransactionContext ctx, EventExecutor loop, TransactionKey key, InboundRequest inbound) {
        super(ctx, loop, key, inbound, TransactionState.PROCEEDING);
        this.timerG = ctx.options().t1();
    }

    @Override
    public boolean isInvite() {
        return true;
    }

    /** RFC 3261 section 17.2.1: the 100 Trying leaves before the TU sees the request. */
    void start() {
        send(request().createResponse(100, "Trying", List.of()), true);
    }

    @Override
    boolean accept(SipMessage response) {
        int status = response.statusCode();
        if (is(TransactionState.ACCEPTED) && status / 100 == 2) {
            send(response, false); // a 2xx retransmission by the TU (RFC 6026 section 8.7)
            return true;
        }
        if (!is(TransactionState.PROCEEDING)) {
            return false;
        }
        // RFC 6026 section 7.1: in Accepted a retransmitted INVITE is absorbed, not answered (the
        // TU retransmits its 2xx), so a 2xx is not kept; 1xx and 3xx-6xx are re-sent on retransmission
        send(response, status / 100 != 2);
        if (status >= 300) {
            completed();
        } else if (status >= 200) {
            state(TransactionState.ACCEPTED);
            terminateAfter(ctx.options().sixtyFourT1()); // timer L
        }
        return true;
    }

    private void completed() {
        state(TransactionState.COMPLETED);
        if (!connection().transport().isStream()) {
            after(timerG, this::timerG);
        }
        after(ctx.options().sixtyFourT1(), this::timerH);
    }

    private void timerG() {
        if (is(TransactionState.COMPLETED)) {
            if (ctx.mayRetransmit()) { // else the ACK may be waiting in the receive queue
                resendLast();
            }
            timerG = min(timerG.multipliedBy(2), ctx.options().t2());
            after(timerG, this::timerG);
        }
    }

    private void timerH() {
        if (is(TransactionState.COMPLETED)) {
            ctx.metrics().timeout(TransactionMetrics.TIMER_H);
            terminate();
            ctx.user().onServerTimeout(this);
        }
    }

    @Override
    void onRequestAgain(InboundRequest request) {
        if (request.request().method().equals("ACK")) {
            onAck(request);
            return;
        }
        onRetransmission();
    }

    @Override
    void onRetransmission() {
        ctx.metrics().retransmittedIn();
        if (is(TransactionState.PROCEEDING) || is(TransactionState.COMPLETED)) {
            resendLast(); // RFC 3261 section 17.2.1; in Accepted, absorbed (RFC 6026 section 7.1)
        }
    }

    private void onAck(InboundRequest ack) {
        if (is(TransactionState.COMPLETED)) {
            state(TransactionState.CONFIRMED);
            terminateAfter(ctx.options().timerIK(connection().transport())); // timer I
        } else if (is(TransactionState.ACCEPTED)) {
            ctx.user().onAck(ack); // an ACK for our 2xx that matched an RFC 2543 key
        } else {
            ctx.metrics().retransmittedIn(); // a retransmitted ACK in Confirmed, or one too early
        }
    }

    @Override
    void onCancelled() {
        if (is(TransactionState.PROCEEDING)) {
            ctx.user().onCancelled(this);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
