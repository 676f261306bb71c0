package io.maskgate.sip.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.sip.codec.SipMessage;
import io.maskgate.sip.transaction.EmbeddedTransactions.RecordingListener;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client transactions of RFC 3261 section 17.1 on an embedded event loop with frozen time. */
class ClientTransactionTest {

    private static final Destination UDP = Destination.udp(new InetSocketAddress("127.0.0.1", 5080));
    private static final Destination TCP = Destination.tcp(new InetSocketAddress("127.0.0.1", 5080));

    private final EmbeddedTransactions fx = new EmbeddedTransactions();
    private final RecordingListener listener = new RecordingListener();

    @AfterEach
    void finish() {
        assertFalse(fx.channel.finish());
    }

    private ClientTransaction send(String method, String callId, Destination to) {
        ClientTransaction tx = fx.layer.send(SipText.outbound(method, callId, TransactionLayer.newBranch()), to,
                listener);
        fx.runTasks();
        return tx;
    }

    private static SipMessage response(ClientTransaction tx, int status) {
        return tx.request().createResponse(status, "Reason", List.of());
    }

    @Test
    void inviteIsRetransmittedOnTimerAUntilTimerB() {
        ClientTransaction tx = send("INVITE", "k1", UDP);
        assertEquals(TransactionState.CALLING, tx.state());
        assertEquals(1, fx.transport.sent.size());
        // timer A: T1, then doubling without cap: sends at 0.5, 1.5, 3.5, 7.5, 15.5, 31.5 s
        for (long ms : new long[] {500, 1000, 2000, 4000, 8000, 16000}) {
            int before = fx.transport.sent.size();
            fx.advance(Duration.ofMillis(ms));
            assertEquals(before + 1, fx.transport.sent.size(), "INVITE again after " + ms + " ms");
        }
        assertEquals(0, listener.timeouts);
        fx.advance(Duration.ofMillis(500)); // timer B = 64*T1 = 32 s
        assertEquals(1, listener.timeouts);
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(7, fx.transport.sent.size());
        assertEquals(6.0, fx.counter(TransactionMetrics.RETRANSMISSIONS, "direction", "out"));
        assertEquals(1.0, fx.counter(TransactionMetrics.TIMEOUTS, "timer", "B"));
        assertEquals(0, fx.layer.activeTransactions());
    }

    @Test
    void timersAAndESkipTheirSendWhileTheTransportIsBehindAndTimerBStillEndsTheWait() {
        ClientTransaction invite = send("INVITE", "k-held", UDP);
        ClientTransaction bye = send("BYE", "k-held-2", UDP);
        fx.transport.behind = true;
        fx.advance(Duration.ofMillis(500)); // timer A and timer E fire once each
        fx.advance(Duration.ofMillis(1000)); // and again (A doubled to 1 s; E doubled to 1 s)
        assertEquals(2, fx.transport.sent.size(), "nothing sent again while behind");
        assertEquals(4.0, fx.counter(TransactionMetrics.RETRANSMISSIONS_HELD));
        assertEquals(0.0, fx.counter(TransactionMetrics.RETRANSMISSIONS, "direction", "out"));

        fx.transport.behind = false;
        fx.advance(Duration.ofMillis(2000)); // A at 3.5 s, E at 1.5 + 2 = 3.5 s
        assertEquals(List.of("INVITE", "BYE", "INVITE", "BYE"), fx.transport.sentMethods(),
                "the schedule goes on where it was: the next firing sends");
        assertEquals(TransactionState.CALLING, invite.state());

        fx.transport.behind = true;
        fx.advance(Duration.ofSeconds(29)); // past 64*T1: held or not, the wait ends
        assertEquals(TransactionState.TERMINATED, invite.state());
        assertEquals(TransactionState.TERMINATED, bye.state());
        assertEquals(2, listener.timeouts);
    }

    @Test
    void aProvisionalStopsTimerAAndIsPassedUp() {
        ClientTransaction tx = send("INVITE", "k2", UDP);
        fx.receiveResponse(response(tx, 100));
        fx.receiveResponse(response(tx, 180));
        assertEquals(TransactionState.PROCEEDING, tx.state());
        assertEquals(List.of(100, 180), listener.statuses());
        fx.advance(Duration.ofSeconds(40));
        assertEquals(1, fx.transport.sent.size(), "no retransmission once proceeding");
        assertEquals(0, listener.timeouts, "timer B only runs in Calling");
    }

    @Test
    void nonSuccessFinalIsAckedByTheLayerAndRetransmissionsAbsorbed() {
        ClientTransaction tx = send("INVITE", "k3", UDP);
        SipMessage busy = response(tx, 486);
        fx.receiveResponse(busy);
        assertEquals(TransactionState.COMPLETED, tx.state());
        assertEquals(List.of(486), listener.statuses());
        SipMessage ack = fx.transport.sent.get(1);
        assertEquals("ACK", ack.method());
        assertEquals(tx.branch(), ack.vias().get(0).branch().orElseThrow(), "same branch as the INVITE");
        assertEquals(busy.toTag(), ack.toTag(), "To tag from the response");
        assertEquals(tx.request().cseqNumber(), ack.cseqNumber());
        assertEquals(tx.request().requestUri(), ack.requestUri());

        fx.receiveResponse(busy);
        assertEquals(List.of(486), listener.statuses(), "the retransmission is absorbed");
        assertEquals(List.of("INVITE", "ACK", "ACK"), fx.transport.sentMethods(), "and ACKed again");
        fx.advance(Duration.ofMillis(31_999));
        assertEquals(TransactionState.COMPLETED, tx.state());
        fx.advance(LingerTimers.BATCH.plusMillis(1)); // timer D (the last timers of one loop end in batches)
        assertEquals(TransactionState.TERMINATED, tx.state());
    }

    @Test
    void overTcpTimerDIsZeroAndNothingIsRetransmitted() {
        ClientTransaction tx = send("INVITE", "k4", TCP);
        fx.advance(Duration.ofSeconds(10));
        assertEquals(1, fx.transport.sent.size());
        fx.receiveResponse(response(tx, 404));
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(List.of("INVITE", "ACK"), fx.transport.sentMethods());
    }

    @Test
    void twoXxEndsTheTransactionAndItsRetransmissionsReachTheTu() {
        ClientTransaction tx = send("INVITE", "k5", UDP);
        SipMessage ok = response(tx, 200);
        fx.receiveResponse(ok);
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(List.of(200), listener.statuses());
        assertEquals(List.of("INVITE"), fx.transport.sentMethods(), "the TU ACKs a 2xx");
        fx.receiveResponse(ok);
        assertEquals(1, fx.user.strays.size(), "RFC 3261 17.1.1.2: the TU re-ACKs retransmitted 2xx");
        assertEquals(List.of(200), listener.statuses());
    }

    @Test
    void nonInviteIsRetransmittedOnTimerEUpToT2UntilTimerF() {
        ClientTransaction tx = send("OPTIONS", "k6", UDP);
        assertEquals(TransactionState.TRYING, tx.state());
        long[] intervals = {500, 1000, 2000, 4000, 4000, 4000, 4000, 4000, 4000, 4000}; // up to 31.5 s
        for (long ms : intervals) {
            int before = fx.transport.sent.size();
            fx.advance(Duration.ofMillis(ms));
            assertEquals(before + 1, fx.transport.sent.size(), "request again after " + ms + " ms");
        }
        fx.advance(Duration.ofMillis(32_000 - 31_500)); // timer F at 32 s
        assertEquals(1, listener.timeouts);
        assertEquals(1.0, fx.counter(TransactionMetrics.TIMEOUTS, "timer", "F"));
        assertEquals(TransactionState.TERMINATED, tx.state());
    }

    @Test
    void nonInviteProceedingRetransmitsAtT2AndCompletesOnTimerK() {
        ClientTransaction tx = send("BYE", "k7", UDP);
        fx.receiveResponse(response(tx, 100));
        assertEquals(TransactionState.PROCEEDING, tx.state());
        fx.advance(Duration.ofMillis(500)); // timer E set at T1 before the 1xx, then T2
        assertEquals(2, fx.transport.sent.size());
        fx.advance(Duration.ofMillis(3999));
        assertEquals(2, fx.transport.sent.size());
        fx.advance(Duration.ofMillis(1));
        assertEquals(3, fx.transport.sent.size());
        SipMessage ok = response(tx, 200);
        fx.receiveResponse(ok);
        fx.receiveResponse(ok);
        assertEquals(List.of(100, 200), listener.statuses());
        assertEquals(TransactionState.COMPLETED, tx.state());
        fx.advance(Duration.ofSeconds(5).minusMillis(1)); // timer K = T4
        assertEquals(TransactionState.COMPLETED, tx.state());
        fx.advance(LingerTimers.BATCH.plusMillis(1));
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(0, fx.layer.activeTransactions());
    }

    @Test
    void cancelBeforeTheFirstProvisionalWaitsForIt() {
        ClientTransaction tx = send("INVITE", "k8", UDP);
        tx.cancel();
        fx.runTasks();
        assertEquals(List.of("INVITE"), fx.transport.sentMethods(), "RFC 3261 9.1: no CANCEL before a 1xx");
        fx.receiveResponse(response(tx, 180));
        assertEquals(List.of("INVITE", "CANCEL"), fx.transport.sentMethods());
        SipMessage cancel = fx.transport.sent.get(1);
        assertEquals(tx.branch(), cancel.vias().get(0).branch().orElseThrow());
        assertEquals(tx.request().cseqNumber(), cancel.cseqNumber());
        assertEquals(tx.request().requestUri(), cancel.requestUri());
        assertEquals(tx.request().callId(), cancel.callId());
        assertEquals(tx.request().fromTag(), cancel.fromTag());
        assertEquals(1, cancel.vias().size());
        fx.receiveResponse(cancel.createResponse(200, "OK", List.of()));
        fx.receiveResponse(response(tx, 487));
        assertEquals(List.of(180, 487), listener.statuses());
        assertEquals(List.of("INVITE", "CANCEL", "ACK"), fx.transport.sentMethods());
        assertTrue(fx.user.strays.isEmpty(), "the CANCEL's 200 matched the CANCEL transaction");
    }

    @Test
    void cancelAfterAProvisionalIsSentAtOnceAndOnlyOnce() {
        ClientTransaction tx = send("INVITE", "k9", UDP);
        fx.receiveResponse(response(tx, 183));
        tx.cancel();
        tx.cancel();
        fx.runTasks();
        assertEquals(List.of("INVITE", "CANCEL"), fx.transport.sentMethods());
        fx.advance(Duration.ofMillis(500));
        assertEquals(List.of("INVITE", "CANCEL", "CANCEL"), fx.transport.sentMethods(),
                "the CANCEL is its own non-INVITE transaction, retransmitted on timer E");
    }

    @Test
    void cancelWithNoFinalResponseEndsTheInviteAfter64T1() {
        ClientTransaction tx = send("INVITE", "k10", UDP);
        fx.receiveResponse(response(tx, 180));
        tx.cancel();
        fx.runTasks();
        fx.advance(Duration.ofSeconds(32));
        assertEquals(1, listener.timeouts);
        assertEquals(TransactionState.TERMINATED, tx.state());
    }

    @Test
    void cancelAfterTheFinalResponseSendsNothing() {
        ClientTransaction tx = send("INVITE", "k11", UDP);
        fx.receiveResponse(response(tx, 200));
        tx.cancel();
        fx.runTasks();
        assertEquals(List.of("INVITE"), fx.transport.sentMethods());
    }

    @Test
    void aSendFailureIsATransportError() {
        fx.transport.failSends = true;
        ClientTransaction tx = send("INVITE", "k12", UDP);
        assertEquals(1, listener.errors.size());
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(0, fx.layer.activeTransactions());
    }

    @Test
    void aFullTableFailsTheSendThroughTheListener() {
        EmbeddedTransactions small = new EmbeddedTransactions(TransactionOptions.builder().maxTransactions(1).build());
        small.layer.send(SipText.outbound("INVITE", "k13", TransactionLayer.newBranch()), UDP, listener);
        ClientTransaction refused = small.layer.send(SipText.outbound("INVITE", "k14", TransactionLayer.newBranch()),
                UDP, listener);
        small.runTasks();
        assertEquals(1, listener.errors.size());
        assertInstanceOf(TransactionTableFullException.class, listener.errors.get(0));
        assertEquals(TransactionState.TERMINATED, refused.state());
        assertEquals(1, small.transport.sent.size());
        assertFalse(small.channel.finish());
    }

    @Test
    void sendRefusesWhatIsNotAClientTransaction() {
        assertThrows(IllegalArgumentException.class,
                () -> fx.layer.send(SipText.outbound("ACK", "k15", TransactionLayer.newBranch()), UDP, listener));
        assertThrows(IllegalArgumentException.class,
                () -> fx.layer.send(SipText.outbound("INVITE", "k16", "z9hG4bK"), UDP, listener));
        assertThrows(IllegalArgumentException.class,
                () -> fx.layer.send(SipText.outbound("INVITE", "k17", "old-style"), UDP, listener));
        String branch = TransactionLayer.newBranch();
        fx.layer.send(SipText.outbound("INVITE", "k18", branch), UDP, listener);
        assertThrows(IllegalArgumentException.class,
                () -> fx.layer.send(SipText.outbound("INVITE", "k18", branch), UDP, listener));
        fx.runTasks();
    }

    @Test
    void newBranchCarriesTheMagicCookie() {
        String b = TransactionLayer.newBranch();
        assertTrue(b.startsWith("z9hG4bK") && b.length() > 7);
        assertFalse(b.equals(TransactionLayer.newBranch()));
    }

    @Test
    void sendStatelessGoesStraightToTheTransport() {
        SipMessage ack = SipText.outbound("ACK", "k19", TransactionLayer.newBranch());
        fx.layer.sendStateless(ack, UDP).join();
        assertEquals(List.of("ACK"), fx.transport.sentMethods());
        assertEquals(0, fx.layer.activeTransactions());
    }
}
