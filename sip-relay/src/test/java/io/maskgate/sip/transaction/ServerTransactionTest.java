package io.maskgate.sip.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.sip.codec.SipHeader;
import io.maskgate.sip.codec.SipMessage;
import io.maskgate.sip.transport.SipTransportType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server transactions of RFC 3261 section 17.2 on an embedded event loop with frozen time. */
class ServerTransactionTest {

    private final EmbeddedTransactions fx = new EmbeddedTransactions();

    @AfterEach
    void finish() {
        assertFalse(fx.channel.finish());
    }

    private ServerTransaction invite(String callId, String branch) {
        fx.receive(SipText.request("INVITE", callId, branch, 1));
        return fx.user.requests.get(fx.user.requests.size() - 1);
    }

    private static SipMessage response(ServerTransaction tx, int status) {
        return tx.request().createResponse(status, "Reason", List.of());
    }

    @Test
    void inviteGets100BeforeTheTuAndRetransmissionIsAbsorbed() {
        ServerTransaction tx = invite("c1", "z9hG4bK-a");
        assertEquals(List.of(100), fx.replyStatuses());
        assertEquals(TransactionState.PROCEEDING, tx.state());

        fx.receive(SipText.request("INVITE", "c1", "z9hG4bK-a", 1));
        assertEquals(1, fx.user.requests.size(), "the TU sees exactly one INVITE");
        assertEquals(List.of(100, 100), fx.replyStatuses(), "the last response is re-sent");
        assertEquals(1.0, fx.counter(TransactionMetrics.RETRANSMISSIONS, "direction", "in"));

        tx.respond(response(tx, 180));
        fx.receive(SipText.request("INVITE", "c1", "z9hG4bK-a", 1));
        assertEquals(List.of(100, 100, 180, 180), fx.replyStatuses());
        assertEquals(1, fx.user.requests.size());
    }

    @Test
    void nonSuccessFinalIsRetransmittedOnTimerGUntilTheAckWhichIsAbsorbed() {
        ServerTransaction tx = invite("c2", "z9hG4bK-b");
        tx.respond(response(tx, 486));
        assertEquals(TransactionState.COMPLETED, tx.state());
        assertEquals(List.of(100, 486), fx.replyStatuses());
        // timer G: T1, 2*T1, 4*T1, then capped at T2 = 4 s
        for (long ms : new long[] {500, 1000, 2000, 4000, 4000}) {
            int before = fx.replies.size();
            fx.advance(Duration.ofMillis(ms - 1));
            assertEquals(before, fx.replies.size(), "nothing before " + ms + " ms");
            fx.advance(Duration.ofMillis(1));
            assertEquals(before + 1, fx.replies.size(), "486 again after " + ms + " ms");
        }
        fx.receive(SipText.request("ACK", "c2", "z9hG4bK-b", 1, "totag"));
        assertEquals(TransactionState.CONFIRMED, tx.state());
        assertTrue(fx.user.acks.isEmpty(), "the ACK for a non-2xx is absorbed");
        int sent = fx.replies.size();
        fx.advance(Duration.ofSeconds(4));
        assertEquals(sent, fx.replies.size(), "no retransmission after the ACK");
        fx.receive(SipText.request("ACK", "c2", "z9hG4bK-b", 1, "totag"));
        assertTrue(fx.user.acks.isEmpty(), "a retransmitted ACK is absorbed too");
        fx.advance(Duration.ofSeconds(1).minusMillis(1)); // timer I = T4 = 5 s since the first ACK
        assertEquals(TransactionState.CONFIRMED, tx.state());
        fx.advance(LingerTimers.BATCH.plusMillis(1)); // the last timers of one loop end in batches
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(0, fx.layer.activeTransactions());
        assertEquals(0.0, fx.gauge(TransactionMetrics.ACTIVE));
    }

    @Test
    void timerGSkipsItsSendWhileTheTransportIsBehindButARetransmittedInviteIsStillAnswered() {
        ServerTransaction tx = invite("c-held", "z9hG4bK-held");
        tx.respond(response(tx, 486));
        fx.transport.behind = true;
        fx.advance(Duration.ofMillis(500));
        fx.advance(Duration.ofMillis(1000));
        assertEquals(List.of(100, 486), fx.replyStatuses(), "timer G sent nothing while behind");
        assertEquals(2.0, fx.counter(TransactionMetrics.RETRANSMISSIONS_HELD));

        fx.receive(SipText.request("INVITE", "c-held", "z9hG4bK-held", 1));
        assertEquals(List.of(100, 486, 486), fx.replyStatuses(),
                "a retransmission that was read is answered: it is no longer in the queue");

        fx.transport.behind = false;
        fx.advance(Duration.ofMillis(2000));
        assertEquals(List.of(100, 486, 486, 486), fx.replyStatuses(), "timer G sends again once caught up");
        fx.receive(SipText.request("ACK", "c-held", "z9hG4bK-held", 1, "totag"));
        assertEquals(TransactionState.CONFIRMED, tx.state());
    }

    @Test
    void twoXxRetransmitterSkipsItsSendWhileTheTransportIsBehind() {
        ServerTransaction tx = invite("c-held-2xx", "z9hG4bK-held-2xx");
        SipMessage ok = response(tx, 200);
        tx.respond(ok);
        TwoXxRetransmitter r = fx.layer.retransmit2xx(tx, ok, () -> { });
        fx.runTasks();
        int sent = fx.replies.size();
        fx.transport.behind = true;
        fx.advance(Duration.ofMillis(500));
        fx.advance(Duration.ofMillis(1000));
        assertEquals(sent, fx.replies.size(), "no 2xx again while behind");
        assertEquals(2.0, fx.counter(TransactionMetrics.RETRANSMISSIONS_HELD));
        fx.transport.behind = false;
        fx.advance(Duration.ofMillis(2000));
        assertEquals(sent + 1, fx.replies.size(), "the 2xx goes again once caught up");
        r.ackReceived();
        fx.runTasks();
    }

    @Test
    void timerHEndsACompletedInviteWithoutAck() {
        ServerTransaction tx = invite("c3", "z9hG4bK-c");
        tx.respond(response(tx, 404));
        fx.advance(Duration.ofSeconds(32));
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(List.of(tx), fx.user.timeouts);
        assertEquals(1.0, fx.counter(TransactionMetrics.TIMEOUTS, "timer", "H"));
        assertEquals(0, fx.layer.activeTransactions());
    }

    @Test
    void overTcpNothingIsRetransmittedAndTimerIIsZero() {
        fx.receive(SipText.request("INVITE", "c4", "z9hG4bK-d", 1), SipTransportType.TCP);
        ServerTransaction tx = fx.user.requests.get(0);
        tx.respond(response(tx, 503));
        fx.advance(Duration.ofSeconds(8));
        assertEquals(List.of(100, 503), fx.replyStatuses());
        fx.receive(SipText.request("ACK", "c4", "z9hG4bK-d", 1, "t"), SipTransportType.TCP);
        assertEquals(TransactionState.TERMINATED, tx.state());
    }

    @Test
    void twoXxMovesToAcceptedWhereInviteRetransmissionsAreAbsorbedAndAcksGoToTheTu() {
        ServerTransaction tx = invite("c5", "z9hG4bK-e");
        SipMessage ok = response(tx, 200);
        SipMessage busy = response(tx, 486);
        tx.respond(ok);
        assertEquals(TransactionState.ACCEPTED, tx.state());
        fx.receive(SipText.request("INVITE", "c5", "z9hG4bK-e", 1));
        assertEquals(1, fx.user.requests.size(), "a retransmitted INVITE never looks like a new call");
        assertEquals(List.of(100, 200), fx.replyStatuses(), "2xx retransmission is the TU's job");
        fx.receive(SipText.request("ACK", "c5", "z9hG4bK-ack2xx", 1, "totag"));
        assertEquals(1, fx.user.acks.size(), "the ACK for a 2xx reaches the TU");
        tx.respond(ok);
        assertEquals(List.of(100, 200, 200), fx.replyStatuses(), "the TU may retransmit its 2xx");
        tx.respond(busy);
        assertEquals(3, fx.replies.size(), "no other final response after a 2xx");
        fx.advance(Duration.ofSeconds(32).minusMillis(1)); // timer L
        assertEquals(TransactionState.ACCEPTED, tx.state());
        fx.advance(LingerTimers.BATCH.plusMillis(1));
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(0, fx.layer.activeTransactions());
    }

    @Test
    void nonInviteAbsorbsRetransmissionsAndEndsOnTimerJ() {
        fx.receive(SipText.request("BYE", "c6", "z9hG4bK-f", 2, "t"));
        ServerTransaction tx = fx.user.requests.get(0);
        assertFalse(tx.isInvite());
        assertEquals(TransactionState.TRYING, tx.state());
        assertEquals(List.of(), fx.replyStatuses(), "no 100 for non-INVITE (RFC 4320)");
        fx.receive(SipText.request("BYE", "c6", "z9hG4bK-f", 2, "t"));
        assertEquals(List.of(), fx.replyStatuses(), "nothing to re-send in Trying");
        tx.respond(response(tx, 200));
        fx.receive(SipText.request("BYE", "c6", "z9hG4bK-f", 2, "t"));
        assertEquals(List.of(200, 200), fx.replyStatuses());
        assertEquals(1, fx.user.requests.size());
        fx.advance(Duration.ofMillis(31_999));
        assertEquals(TransactionState.COMPLETED, tx.state());
        fx.advance(LingerTimers.BATCH.plusMillis(1));
        assertEquals(TransactionState.TERMINATED, tx.state());
    }

    @Test
    void theRequestIsReleasedWithTheFinalResponseAndRetransmissionsStillMatchByKey() {
        ServerTransaction invite = invite("c8", "z9hG4bK-h");
        assertFalse(invite.finalSent());
        invite.respond(response(invite, 200));
        assertTrue(invite.finalSent());
        assertThrows(IllegalStateException.class, invite::request, "an Accepted INVITE holds no request");
        assertEquals(SipTransportType.UDP, invite.connection().transport(), "the way back stays");
        fx.receive(SipText.request("INVITE", "c8", "z9hG4bK-h", 1));
        assertEquals(1, fx.user.requests.size(), "still absorbed, matched by key alone");

        fx.receive(SipText.request("BYE", "c9", "z9hG4bK-i", 2, "t"));
        ServerTransaction bye = fx.user.requests.get(1);
        bye.respond(response(bye, 200));
        assertThrows(IllegalStateException.class, bye::request);
        fx.receive(SipText.request("BYE", "c9", "z9hG4bK-i", 2, "t"));
        assertEquals(List.of(100, 200, 200, 200), fx.replyStatuses(), "the BYE's 200 is re-sent from its bytes");
        fx.advance(Duration.ofSeconds(32));
    }

    @Test
    void nonInviteOverTcpTerminatesAtTheFinalResponse() {
        fx.receive(SipText.request("BYE", "c7", "z9hG4bK-g", 2, "t"), SipTransportType.TCP);
        ServerTransaction tx = fx.user.requests.get(0);
        tx.respond(response(tx, 200));
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(0, fx.layer.activeTransactions());
    }

    @Test
    void cancelOfAPendingInviteIsAnswered200AndTheTuTold() {
        ServerTransaction tx = invite("c8", "z9hG4bK-h");
        fx.receive(SipText.request("CANCEL", "c8", "z9hG4bK-h", 1));
        assertEquals(List.of(100, 200), fx.replyStatuses());
        assertEquals("CANCEL", fx.replies.get(1).method());
        assertEquals(List.of(tx), fx.user.cancelled);
        assertEquals(1, fx.user.requests.size(), "the CANCEL itself is not a new request for the TU");
        tx.respond(response(tx, 487));
        assertEquals(487, fx.replies.get(2).statusCode());
        fx.receive(SipText.request("CANCEL", "c8", "z9hG4bK-h", 1));
        assertEquals(200, fx.replies.get(3).statusCode(), "a retransmitted CANCEL gets its 200 again");
        assertEquals(1, fx.user.cancelled.size());
    }

    @Test
    void cancelAfterTheFinalResponseIsAnswered200ButChangesNothing() {
        ServerTransaction tx = invite("c9", "z9hG4bK-i");
        tx.respond(response(tx, 200));
        fx.receive(SipText.request("CANCEL", "c9", "z9hG4bK-i", 1));
        assertEquals(List.of(100, 200, 200), fx.replyStatuses());
        assertTrue(fx.user.cancelled.isEmpty());
    }

    @Test
    void strayCancelGets481() {
        fx.receive(SipText.request("CANCEL", "c10", "z9hG4bK-none", 1));
        assertEquals(List.of(481), fx.replyStatuses());
        assertTrue(fx.user.requests.isEmpty());
        assertTrue(fx.user.cancelled.isEmpty());
    }

    @Test
    void ackMatchingNothingGoesToTheTu() {
        fx.receive(SipText.request("ACK", "c11", "z9hG4bK-j", 1, "t"));
        assertEquals(1, fx.user.acks.size());
        assertEquals(List.of(), fx.replyStatuses());
    }

    @Test
    void sameBranchFromAnotherSentByIsAnotherTransaction() {
        fx.receive(SipText.request("INVITE", "c12", "z9hG4bK-k", 1));
        fx.receive(SipText.parse("INVITE sip:callee@127.0.0.1 SIP/2.0",
                "Via: SIP/2.0/UDP 127.0.0.2:5070;branch=z9hG4bK-k", "Max-Forwards: 70",
                "From: <sip:caller@127.0.0.1>;tag=from1", "To: <sip:callee@127.0.0.1>", "Call-ID: c12",
                "CSeq: 1 INVITE", "Content-Length: 0"));
        assertEquals(2, fx.user.requests.size());
    }

    @Test
    void rfc4475BadBranchFallsBackToRfc2543Matching() throws Exception {
        // RFC 4475 section 3.2.1: branch=z9hG4bK with no identifier; match by the RFC 2543 rules
        byte[] raw;
        try (var in = getClass().getResourceAsStream("/rfc4475/badbranch.dat")) {
            raw = in.readAllBytes();
        }
        String text = new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1).strip();
        SipMessage badbranch = SipText.parse(text.split("\r?\n"));
        fx.receive(badbranch);
        fx.receive(badbranch);
        assertEquals(1, fx.user.requests.size(), "the retransmission matched the transaction");
        ServerTransaction tx = fx.user.requests.get(0);
        tx.respond(response(tx, 200));
        fx.receive(badbranch);
        assertEquals(List.of(200, 200), fx.replyStatuses());
        assertEquals(1, fx.user.requests.size());
    }

    @Test
    void rfc2543InviteMatchesItsAckAndCancel() {
        ServerTransaction tx = invite("c13", "z9hG4bK");
        fx.receive(SipText.request("INVITE", "c13", "z9hG4bK", 1));
        assertEquals(1, fx.user.requests.size());
        fx.receive(SipText.request("CANCEL", "c13", "z9hG4bK", 1));
        assertEquals(List.of(tx), fx.user.cancelled);
        tx.respond(response(tx, 487));
        fx.receive(SipText.request("ACK", "c13", "z9hG4bK", 1, "t"));
        assertEquals(TransactionState.CONFIRMED, tx.state());
        assertTrue(fx.user.acks.isEmpty());
    }

    @Test
    void fullTableAnswers503WithRetryAfter() {
        EmbeddedTransactions small = new EmbeddedTransactions(TransactionOptions.builder().maxTransactions(1).build());
        small.receive(SipText.request("INVITE", "c14", "z9hG4bK-l", 1));
        small.receive(SipText.request("INVITE", "c15", "z9hG4bK-m", 1));
        assertEquals(1, small.user.requests.size());
        assertEquals(List.of(100, 503), small.replyStatuses());
        assertEquals(List.of("5"), small.replies.get(1).headerValues("Retry-After"));
        assertEquals(1.0, small.counter(TransactionMetrics.REFUSED));
        assertFalse(small.channel.finish());
    }

    @Test
    void aFullTableStillTakesInDialogRequestsFromItsReserveButNoNewWork() {
        // bound 4, so a reserve of 1 for requests that finish admitted calls
        EmbeddedTransactions small = new EmbeddedTransactions(TransactionOptions.builder().maxTransactions(4).build());
        for (int i = 0; i < 4; i++) {
            small.receive(SipText.request("INVITE", "r" + i, "z9hG4bK-r" + i, 1));
        }
        small.receive(SipText.request("INVITE", "r4", "z9hG4bK-r4", 1));
        small.receive(SipText.request("MESSAGE", "r5", "z9hG4bK-r5", 1)); // out of dialog: new work
        small.receive(SipText.request("BYE", "r0", "z9hG4bK-r0b", 2, "t")); // ends call r0: reserve
        small.receive(SipText.request("BYE", "r1", "z9hG4bK-r1b", 2, "t")); // reserve used up

        assertEquals(List.of(100, 100, 100, 100, 503, 503, 503), small.replyStatuses());
        assertEquals(List.of("INVITE", "INVITE", "INVITE", "INVITE", "BYE"),
                small.user.requests.stream().map(tx -> tx.request().method()).toList());
        assertEquals(3.0, small.counter(TransactionMetrics.REFUSED));
        assertEquals(5, small.layer.activeTransactions());
    }

    @Test
    void aThrowingTuGets500SentForIt() {
        EmbeddedTransactions f = new EmbeddedTransactions();
        TransactionLayer layer = new TransactionLayer(TransactionOptions.create(),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        layer.start(f.transport, new EmbeddedTransactions.RecordingUser() {
            @Override
            public void onRequest(ServerTransaction transaction) {
                throw new IllegalStateException("bug");
            }
        });
        layer.onRequest(new io.maskgate.sip.transport.InboundRequest(SipText.request("INVITE", "c16", "z9hG4bK-n", 1),
                f.new FakeConnection(SipTransportType.UDP)));
        f.runTasks();
        assertEquals(List.of(100, 500), f.replyStatuses());
        assertFalse(f.channel.finish());
    }

    @Test
    void twoXxRetransmitterBacksOffUntilTheAck() {
        ServerTransaction tx = invite("c17", "z9hG4bK-o");
        SipMessage ok = response(tx, 200);
        tx.respond(ok);
        int[] gaveUp = {0};
        TwoXxRetransmitter r = fx.layer.retransmit2xx(tx, ok, () -> gaveUp[0]++);
        fx.runTasks();
        for (long ms : new long[] {500, 1000, 2000, 4000, 4000}) {
            int before = fx.replies.size();
            fx.advance(Duration.ofMillis(ms));
            assertEquals(before + 1, fx.replies.size(), "2xx again after " + ms + " ms");
            assertSame(ok, fx.replies.get(fx.replies.size() - 1));
        }
        r.ackReceived();
        fx.runTasks();
        int sent = fx.replies.size();
        fx.advance(Duration.ofSeconds(40));
        assertEquals(sent, fx.replies.size());
        assertEquals(0, gaveUp[0]);
        assertFalse(r.isRunning());
    }

    @Test
    void twoXxRetransmitterGivesUpAfter64T1() {
        ServerTransaction tx = invite("c18", "z9hG4bK-p");
        SipMessage ok = response(tx, 200);
        SipMessage busy = response(tx, 486);
        tx.respond(ok);
        int[] gaveUp = {0};
        TwoXxRetransmitter r = fx.layer.retransmit2xx(tx, ok, () -> gaveUp[0]++);
        fx.runTasks();
        fx.advance(Duration.ofMillis(31_999));
        assertEquals(0, gaveUp[0]);
        fx.advance(Duration.ofMillis(1));
        assertEquals(1, gaveUp[0], "the TU is told to send BYE");
        assertEquals(1.0, fx.counter(TransactionMetrics.TIMEOUTS, "timer", "2xx"));
        assertFalse(r.isRunning());
        assertThrows(IllegalArgumentException.class, () -> fx.layer.retransmit2xx(tx, busy, () -> { }));
    }

    @Test
    void respondRejectsARequest() {
        ServerTransaction tx = invite("c19", "z9hG4bK-q");
        assertThrows(IllegalArgumentException.class, () -> tx.respond(tx.request()));
        tx.respond(tx.request().createResponse(603, "Decline", List.of(new SipHeader("Retry-After", "60"))));
        assertEquals(603, fx.replies.get(1).statusCode());
    }
}
