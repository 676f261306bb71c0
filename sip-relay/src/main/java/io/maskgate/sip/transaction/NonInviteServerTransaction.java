package io.maskgate.sip.transaction;

import io.maskgate.sip.codec.SipMessage;
import io.maskgate.sip.transport.InboundRequest;
import io.netty.util.concurrent.EventExecutor;

/**
 * The non-INVITE server transaction of RFC 3261 section 17.2.2 (figure 8): Trying -> Proceeding on
 * 1xx -> Completed on a final response, where timer J (64*T1 over UDP, zero over TCP/TLS) absorbs
 * request retransmissions by re-sending the final response -> Terminated. No 100 is sent on our
 * own (RFC 4320 section 4.1).
 */
final class NonInviteServerTransaction extends ServerTransactionBase {

    NonInviteServerTransaction(TransactionContext ctx, EventExecutor loop, TransactionKey key, InboundRequest inbound) {
        super(ctx, loop, key, inbound, TransactionState.TRYING);
    }

    @Override
    public boolean isInvite() {
        return false;
    }

    @Override
    boolean accept(SipMessage response) {
        if (!is(TransactionState.TRYING) && !is(TransactionState.PROCEEDING)) {
            return false;
        }
        send(response, true);
        if (response.statusCode() < 200) {
            state(TransactionState.PROCEEDING);
        } else {
            state(TransactionState.COMPLETED);
            terminateAfter(ctx.options().timerJ(connection().transport())); // timer J
        }
        return true;
    }

    @Override
    void onRequestAgain(InboundRequest request) {
        onRetransmission();
    }

    @Override
    void onRetransmission() {
        ctx.metrics().retransmittedIn();
        resendLast(); // nothing in Trying: no response has been sent yet
    }
}
