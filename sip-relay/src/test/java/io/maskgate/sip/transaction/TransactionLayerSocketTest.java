package io.maskgate.sip.transaction;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.sip.codec.SipMessage;
import io.maskgate.sip.screen.InboundScreen;
import io.maskgate.sip.transport.InboundRequest;
import io.maskgate.sip.transport.InboundResponse;
import io.maskgate.sip.transport.SipTransport;
import io.maskgate.sip.transport.SipTransportOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The transaction layer on a real {@link SipTransport} over UDP on 127.0.0.1, against a scripted
 * peer on a plain socket. T1 is 100 ms so that retransmissions and timer B (6.4 s) come quickly.
 */
class TransactionLayerSocketTest {

    private static final TransactionOptions OPTIONS = TransactionOptions.builder().t1(Duration.ofMillis(100))
            .t2(Duration.ofMillis(400)).t4(Duration.ofMillis(500)).timerD(Duration.ofSeconds(1)).build();

    private static final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private static final SocketUser user = new SocketUser();
    private static TransactionLayer layer;
    private static SipTransport transport;
    private static InetSocketAddress gateway;

    private UdpPeer peer;
    private String callId;

    @BeforeAll
    static void start() {
        layer = new TransactionLayer(OPTIONS, registry);
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        transport = SipTransport.start(SipTransportOptions.builder().udpBindAddresses(List.of(any))
                .tcpBindAddresses(List.of()).ioThreads(2).build(), InboundScreen.create(), layer, registry);
        layer.start(TransactionTransport.of(transport), user);
        gateway = transport.udpLocalAddresses().get(0);
    }

    @AfterAll
    static void stop() {
        transport.close();
    }

    @BeforeEach
    void peer() {
        peer = new UdpPeer(gateway);
        callId = "sock-" + UUID.randomUUID();
    }

    @AfterEach
    void closePeer() {
        peer.close();
    }

    @Test
    void retransmittedInviteIsAbsorbedAndThe100ReSent() {
        String invite = inviteTried();
        peer.send(invite);
        assertEquals(100, peer.receive().statusCode(), "the last response is re-sent");
        assertEquals(1, user.requests(callId).size(), "the TU sees exactly one INVITE");
        user.requests(callId).get(0).respond(user.requests(callId).get(0).request().createResponse(480, "Later",
                List.of()));
        assertEquals(480, peer.receive().statusCode());
    }

    @Test
    void byteIdenticalRetransmissionIsAbsorbedWithoutParsing() {
        String invite = inviteTried();
        double unparsed = unparsed();
        double absorbed = retransmittedIn();
        peer.send(invite);
        assertEquals(100, peer.receive().statusCode(), "the last response is re-sent");
        peer.send(invite);
        assertEquals(100, peer.receive().statusCode());
        assertEquals(unparsed + 2, unparsed(), "both copies absorbed before parsing");
        assertEquals(absorbed + 2, retransmittedIn(), "and counted as retransmissions");
        assertEquals(1, user.requests(callId).size(), "the TU sees exactly one INVITE");
    }

    @Test
    void aCopyThatDiffersInOneByteIsParsedAndStillMatched() {
        String invite = inviteTried();
        double unparsed = unparsed();
        double absorbed = retransmittedIn();
        peer.send(invite.replace("Max-Forwards: 70", "Max-Forwards: 69"));
        assertEquals(100, peer.receive().statusCode(), "matched by key after parsing, as RFC 3261 17.2.3 says");
        assertEquals(absorbed + 1, retransmittedIn());
        assertEquals(unparsed, unparsed(), "not taken for a byte-identical copy");
        assertEquals(1, user.requests(callId).size());
    }

    @Test
    void aMalformedCopyWithTheSameBranchIsRefusedNotAbsorbed() {
        String invite = inviteTried();
        double unparsed = unparsed();
        peer.send(invite.replace("Contact: <sip:", "Contact: < sip:"));
        SipMessage answer = peer.receive();
        assertEquals(400, answer.statusCode(), "parsed and refused, as any malformed request");
        assertEquals(unparsed, unparsed());
        assertEquals(1, user.requests(callId).size());
    }

    @Test
    void theSameBytesFromAnotherPeerAreParsed() {
        String invite = inviteTried();
        double unparsed = unparsed();
        double absorbed = retransmittedIn();
        try (UdpPeer other = new UdpPeer(gateway)) {
            other.send(invite);
            await().atMost(Duration.ofSeconds(5)).until(() -> retransmittedIn() == absorbed + 1);
        }
        assertEquals(unparsed, unparsed(), "a copy from another source is matched only after parsing");
        assertEquals(1, user.requests(callId).size());
    }

    @Test
    void retransmittedByeGetsItsFinalResponseAgainWithoutParsing() {
        String bye = peer.request("BYE", callId, "z9hG4bK-bye-" + callId, 2, "callee1");
        user.onInvite(callId, tx -> {
            if (tx.request().method().equals("BYE")) {
                tx.respond(tx.request().createResponse(200, "OK", List.of()));
            }
        });
        peer.send(bye);
        assertEquals(200, peer.receive().statusCode());
        double unparsed = unparsed();
        peer.send(bye);
        SipMessage again = peer.receive();
        assertEquals(200, again.statusCode(), "timer J: the final response is re-sent");
        assertEquals("BYE", again.cseqMethod().orElseThrow());
        assertEquals(unparsed + 1, unparsed());
        assertEquals(1, user.requests(callId).size());
    }

    /** Sends an INVITE from the peer and waits for its 100 Trying; returns the INVITE's text. */
    private String inviteTried() {
        String invite = peer.request("INVITE", callId, "z9hG4bK-" + callId, 1, "");
        peer.send(invite);
        assertEquals(100, peer.receive().statusCode());
        return invite;
    }

    private static double unparsed() {
        return registry.counter(TransactionMetrics.RETRANSMISSIONS_UNPARSED).count();
    }

    private static double retransmittedIn() {
        return registry.counter(TransactionMetrics.RETRANSMISSIONS, TransactionMetrics.TAG_DIRECTION,
                TransactionMetrics.DIRECTION_IN).count();
    }

    @Test
    void nonSuccessFinalIsRetransmittedOverUdpUntilTheAck() {
        user.onInvite(callId, tx -> tx.respond(tx.request().createResponse(486, "Busy Here", List.of())));
        peer.send(peer.request("INVITE", callId, "z9hG4bK-" + callId, 1, ""));
        assertEquals(100, peer.receive().statusCode());
        SipMessage busy = peer.receive();
        assertEquals(486, busy.statusCode());
        assertEquals(486, peer.receive().statusCode(), "timer G: again after T1");
        assertEquals(486, peer.receive().statusCode(), "and again after 2*T1");
        peer.send(peer.request("ACK", callId, "z9hG4bK-" + callId, 1, busy.toTag().orElseThrow()));
        ServerTransaction tx = user.requests(callId).get(0);
        await().atMost(Duration.ofSeconds(5)).until(() -> tx.state() != TransactionState.COMPLETED);
        await().atMost(Duration.ofSeconds(5)).until(() -> tx.state() == TransactionState.TERMINATED);
        assertTrue(user.acks.isEmpty(), "the ACK for a non-2xx never reaches the TU");
    }

    @Test
    void clientInviteIsRetransmittedOnTimerAUntilAResponse() {
        Recorder listener = new Recorder();
        ClientTransaction tx = layer.send(outboundInvite(), Destination.udp(peer.address()), listener);
        SipMessage first = peer.receive();
        assertEquals("INVITE", first.method());
        assertEquals("INVITE", peer.receive().method(), "timer A after T1");
        assertEquals("INVITE", peer.receive().method(), "timer A after 2*T1");
        peer.send(first.createResponse(180, "Ringing", List.of()));
        await().atMost(Duration.ofSeconds(5)).until(() -> tx.state() == TransactionState.PROCEEDING);
        SipMessage busy = first.createResponse(486, "Busy Here", List.of());
        peer.send(busy);
        SipMessage ack = peer.receiveUntil(m -> m.method().equals("ACK"));
        // Retransmit at once: timer D is 1 s here, and a loaded machine must not end the
        // transaction before the retransmission arrives.
        peer.send(busy);
        assertEquals("ACK", peer.receiveUntil(m -> m.method().equals("ACK")).method(), "retransmission re-ACKed");
        assertEquals(tx.branch(), ack.vias().get(0).branch().orElseThrow());
        await().atMost(Duration.ofSeconds(5)).until(() -> listener.statuses().equals(List.of(180, 486)));
        assertEquals(List.of(180, 486), listener.statuses());
    }

    @Test
    void clientInviteTimesOutOnTimerB() {
        Recorder listener = new Recorder();
        layer.send(outboundInvite(), Destination.udp(peer.address()), listener);
        await().atMost(Duration.ofSeconds(20)).until(() -> listener.timeouts.get() == 1);
        int invites = 0;
        while (peer.poll(200).isPresent()) {
            invites++;
        }
        // 64*T1 = 6.4 s: sends at 0, 0.1, 0.3, 0.7, 1.5, 3.1, 6.3 s on an idle machine. Timer A
        // is re-armed from each firing while timer B is fixed, so a starved event loop sends fewer;
        // never more, and never none again. The exact schedule is proven on the frozen clock in
        // ClientTransactionTest.
        assertTrue(invites >= 2 && invites <= 7, "INVITEs sent: " + invites);
        assertTrue(peer.poll(300).isEmpty(), "nothing after timer B");
    }

    @Test
    void cancelBeforeTheFirstProvisionalIsSentWhenItArrives() {
        Recorder listener = new Recorder();
        ClientTransaction tx = layer.send(outboundInvite(), Destination.udp(peer.address()), listener);
        tx.cancel();
        SipMessage invite = peer.receive();
        assertEquals("INVITE", invite.method());
        assertEquals("INVITE", peer.receive().method(), "no CANCEL yet: a retransmitted INVITE comes instead");
        peer.send(invite.createResponse(180, "Ringing", List.of()));
        SipMessage cancel = peer.receiveUntil(m -> m.method().equals("CANCEL"));
        assertEquals(tx.branch(), cancel.vias().get(0).branch().orElseThrow());
        peer.send(cancel.createResponse(200, "OK", List.of()));
        peer.send(invite.createResponse(487, "Request Terminated", List.of()));
        peer.receiveUntil(m -> m.method().equals("ACK"));
        await().atMost(Duration.ofSeconds(5)).until(() -> listener.statuses().equals(List.of(180, 487)));
    }

    @Test
    void cancelAfterTheFirstProvisionalIsSentAtOnce() {
        Recorder listener = new Recorder();
        ClientTransaction tx = layer.send(outboundInvite(), Destination.udp(peer.address()), listener);
        SipMessage invite = peer.receive();
        peer.send(invite.createResponse(183, "Session Progress", List.of()));
        await().atMost(Duration.ofSeconds(5)).until(() -> tx.state() == TransactionState.PROCEEDING);
        tx.cancel();
        SipMessage cancel = peer.receiveUntil(m -> m.method().equals("CANCEL"));
        assertEquals(invite.cseqNumber(), cancel.cseqNumber());
    }

    @Test
    void serverCancelIsAnswered200AndTheTuTold() {
        String branch = "z9hG4bK-" + callId;
        peer.send(peer.request("INVITE", callId, branch, 1, ""));
        assertEquals(100, peer.receive().statusCode());
        peer.send(peer.request("CANCEL", callId, branch, 1, ""));
        SipMessage ok = peer.receive();
        assertEquals(200, ok.statusCode());
        assertEquals("CANCEL", ok.method());
        await().atMost(Duration.ofSeconds(5)).until(() -> user.cancelled.contains(callId));
    }

    @Test
    void strayCancelGets481() {
        peer.send(peer.request("CANCEL", callId, "z9hG4bK-" + callId, 1, ""));
        SipMessage answer = peer.receive();
        assertEquals(481, answer.statusCode());
        assertTrue(user.requests(callId).isEmpty());
    }

    @Test
    void rfc4475BadBranchRetransmissionIsMatched() {
        String invite = peer.request("INVITE", callId, "z9hG4bK", 1, "");
        peer.send(invite);
        assertEquals(100, peer.receive().statusCode());
        peer.send(invite);
        assertEquals(100, peer.receive().statusCode());
        assertEquals(1, user.requests(callId).size());
    }

    @Test
    void stray2xxReachesTheTu() {
        Recorder listener = new Recorder();
        ClientTransaction tx = layer.send(outboundInvite(), Destination.udp(peer.address()), listener);
        SipMessage invite = peer.receive();
        SipMessage ok = invite.createResponse(200, "OK", List.of());
        peer.send(ok);
        await().atMost(Duration.ofSeconds(5)).until(() -> tx.state() == TransactionState.TERMINATED);
        peer.send(ok);
        await().atMost(Duration.ofSeconds(5)).until(() -> user.strays.contains(callId));
        assertEquals(List.of(200), listener.statuses());
    }

    @Test
    void twoXxIsRetransmittedUntilTheAckReachesTheTu() {
        TwoXxRetransmitter[] retransmitter = new TwoXxRetransmitter[1];
        user.onInvite(callId, tx -> {
            SipMessage ok = tx.request().createResponse(200, "OK", List.of());
            tx.respond(ok);
            retransmitter[0] = layer.retransmit2xx(tx, ok, () -> { });
        });
        user.onAckDo(callId, ack -> retransmitter[0].ackReceived());
        peer.send(peer.request("INVITE", callId, "z9hG4bK-" + callId, 1, ""));
        assertEquals(100, peer.receive().statusCode());
        SipMessage ok = peer.receive();
        assertEquals(200, ok.statusCode());
        assertEquals(200, peer.receive().statusCode(), "again after T1");
        assertEquals(200, peer.receive().statusCode(), "again after 2*T1");
        peer.send(peer.request("ACK", callId, "z9hG4bK-ack-" + callId, 1, ok.toTag().orElseThrow()));
        await().atMost(Duration.ofSeconds(5)).until(() -> !retransmitter[0].isRunning());
        assertTrue(user.acks.stream().anyMatch(a -> a.request().callId().orElseThrow().equals(callId)));
    }

    @Test
    void listenerRunsOnTheCallIdLoopAndNewCallIdSharesIt() {
        String other = layer.newCallId(callId);
        assertTrue(layer.loopFor(other) == layer.loopFor(callId));
        Recorder listener = new Recorder();
        layer.send(outboundInvite(), Destination.udp(peer.address()), listener);
        SipMessage invite = peer.receive();
        peer.send(invite.createResponse(180, "Ringing", List.of()));
        await().atMost(Duration.ofSeconds(5)).until(() -> listener.statuses().equals(List.of(180)));
        assertEquals(List.of(true), listener.onLoop(), "called on the loop of the request's Call-ID");
    }

    private SipMessage outboundInvite() {
        return SipText.parse("INVITE sip:callee@" + peer.address().getHostString() + ":" + peer.address().getPort()
                + " SIP/2.0",
                "Via: SIP/2.0/UDP " + gateway.getHostString() + ":" + gateway.getPort() + ";branch="
                        + TransactionLayer.newBranch(),
                "Max-Forwards: 70", "From: <sip:gw@127.0.0.1>;tag=gw1", "To: <sip:callee@127.0.0.1>",
                "Call-ID: " + callId, "CSeq: 1 INVITE", "Contact: <sip:gw@127.0.0.1>", "Content-Length: 0");
    }

    /** A TU keyed by Call-ID, safe across event loops. */
    static final class SocketUser implements TransactionUser {
        private final Map<String, List<ServerTransaction>> requests = new ConcurrentHashMap<>();
        private final Map<String, Consumer<ServerTransaction>> behaviour = new ConcurrentHashMap<>();
        private final Map<String, Consumer<InboundRequest>> ackBehaviour = new ConcurrentHashMap<>();
        final Queue<InboundRequest> acks = new ConcurrentLinkedQueue<>();
        final Queue<String> cancelled = new ConcurrentLinkedQueue<>();
        final Queue<String> strays = new ConcurrentLinkedQueue<>();

        void onInvite(String callId, Consumer<ServerTransaction> action) {
            behaviour.put(callId, action);
        }

        void onAckDo(String callId, Consumer<InboundRequest> action) {
            ackBehaviour.put(callId, action);
        }

        List<ServerTransaction> requests(String callId) {
            return requests.getOrDefault(callId, List.of());
        }

        @Override
        public void onRequest(ServerTransaction tx) {
            String id = tx.request().callId().orElseThrow();
            requests.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(tx);
            behaviour.getOrDefault(id, t -> { }).accept(tx);
        }

        @Override
        public void onAck(InboundRequest ack) {
            acks.add(ack);
            ackBehaviour.getOrDefault(ack.request().callId().orElseThrow(), a -> { }).accept(ack);
        }

        @Override
        public void onCancelled(ServerTransaction inviteTransaction) {
            cancelled.add(inviteTransaction.request().callId().orElseThrow());
        }

        @Override
        public void onStrayResponse(InboundResponse response) {
            strays.add(response.response().callId().orElseThrow());
        }
    }

    static final class Recorder implements ClientTransactionListener {
        private final Queue<Integer> statuses = new ConcurrentLinkedQueue<>();
        private final Queue<Boolean> onLoop = new ConcurrentLinkedQueue<>();
        final AtomicInteger timeouts = new AtomicInteger();

        @Override
        public void onResponse(ClientTransaction transaction, SipMessage response) {
            onLoop.add(layer.loopFor(transaction.request().callId().orElseThrow()).inEventLoop());
            statuses.add(response.statusCode());
        }

        @Override
        public void onTimeout(ClientTransaction transaction) {
            timeouts.incrementAndGet();
        }

        @Override
        public void onTransportError(ClientTransaction transaction, Throwable cause) {
            throw new AssertionError("transport error", cause);
        }

        List<Integer> statuses() {
            return List.copyOf(statuses);
        }

        List<Boolean> onLoop() {
            return List.copyOf(onLoop);
        }
    }
}
