package io.maskgate.sip.b2bua;

import static io.maskgate.sip.b2bua.RelayFixture.CALLER;
import static io.maskgate.sip.b2bua.RelayFixture.PROXY;
import static io.maskgate.sip.b2bua.RelayFixture.awaitCalls;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.sip.transport.ReceiveBacklogOptions;
import io.maskgate.sip.transport.SipMetrics;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A relay that has fallen behind on its UDP receive queue answers a new INVITE 503 with Retry-After
 * before any lookup, and routes again once it has caught up; where the operator asked for it, its
 * keep-alive OPTIONS are answered 503 meanwhile too. The queue is filled past twice the
 * shed percent, where every new call is shed (below that a random share is). The backlog is real: the relay's
 * event loops are held busy while a keep-alive peer fills its (small) receive buffer over
 * 127.0.0.1, and the kernel's own count of the unread bytes is what the relay reacts to.
 */
class RelayBacklogTest {

    private static final int QUIET_MS = 1500;
    /** Long enough that the queue is drained and the INVITE handled well before the next sample. */
    private static final Duration SAMPLE = Duration.ofMillis(700);

    @Test
    void aBackedUpReceiveQueueSheds503AndTheCallsAfterItAreRoutedAgain() {
        try (RelayFixture f = relayWithSmallBuffer(false);
                ScriptedUdp trunk = new ScriptedUdp(f.trunkPort, QUIET_MS);
                ScriptedUdp carrier = new ScriptedUdp(0, 5000);
                ScriptedUdp keepAlives = new ScriptedUdp(0, 1000)) {
            int sent = backUpWithAnInviteLast(f, keepAlives);
            List<String> answers = answers(keepAlives);
            assertEquals(sent, answers.stream().filter(a -> a.startsWith("SIP/2.0 200")).count(),
                    "every keep-alive that waited in the queue was answered");
            String refusal = answers.stream().filter(a -> a.startsWith("SIP/2.0 5")).findFirst().orElseThrow();
            assertEquals(503, ScriptedUdp.status(refusal));
            assertTrue(refusal.contains("Retry-After: "), refusal);
            awaitCalls(f, CallOutcome.REFUSED_BACKLOG);
            assertEquals(Optional.empty(), trunk.receive(), "a shed call reaches no trunk");

            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> fill(f) < 0.1);
            carrier.send(ScriptedUdp.invite(carrier.port(), f.udpPort(), "backlog-2", "z9hG4bK-bl2", PROXY.e164(),
                    CALLER.e164()), f.udpPort());
            assertTrue(trunk.receiveStarting("INVITE ").isPresent(), "once caught up, calls are routed again");
        }
    }

    @Test
    void whenAskedKeepAlivesAre503WhileCallsAreShedAnd200OnceCaughtUp() {
        try (RelayFixture f = relayWithSmallBuffer(true);
                ScriptedUdp trunk = new ScriptedUdp(f.trunkPort, QUIET_MS);
                ScriptedUdp carrier = new ScriptedUdp(0, 1000);
                ScriptedUdp keepAlives = new ScriptedUdp(0, 1000)) {
            int sent = backUpWithAnInviteLast(f, keepAlives);
            List<String> answers = answers(keepAlives);
            List<String> toOptions = answers.stream().filter(a -> a.contains("CSeq: 1 OPTIONS")).toList();
            assertEquals(sent, toOptions.size(), "every keep-alive that waited in the queue was answered");
            String retryAfter = "Retry-After: " + B2buaOptions.create().retryAfter().toSeconds();
            for (String answer : toOptions) {
                assertEquals(503, ScriptedUdp.status(answer), answer);
                assertTrue(answer.contains(retryAfter), answer);
            }
            assertTrue(answers.stream().anyMatch(a -> a.startsWith("SIP/2.0 503") && a.contains("CSeq: 1 INVITE")),
                    "the INVITE was shed as before");
            awaitCalls(f, CallOutcome.REFUSED_BACKLOG);
            assertEquals(Optional.empty(), trunk.receive(), "a shed call reaches no trunk");

            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> f.relay.transport().shedShare() == 0);
            carrier.send(options(carrier.port(), f.udpPort(), 9999), f.udpPort());
            assertEquals(200, ScriptedUdp.status(carrier.receive().orElseThrow()),
                    "once caught up, keep-alives are answered 200 again");
        }
    }

    private static RelayFixture relayWithSmallBuffer(boolean answerOptionsWith503) {
        UnaryOperator<io.maskgate.sip.transport.SipTransportOptions.Builder> smallBuffer = t -> t
                .udpReceiveBufferBytes(64 * 1024)
                .receiveBacklog(new ReceiveBacklogOptions(10, 25, Duration.ZERO, SAMPLE, answerOptionsWith503));
        return new RelayFixture(B2buaOptions.create(), null, List.of(), UnaryOperator.identity(), smallBuffer);
    }

    /**
     * With the relay's loops parked, fills its receive queue past half with keep-alive OPTIONS, then
     * queues an INVITE behind them and lets the loops go once a sample has seen it. Returns how many
     * OPTIONS were sent. Past half every new call is shed (below that a random share is).
     */
    private static int backUpWithAnInviteLast(RelayFixture f, ScriptedUdp keepAlives) {
        CountDownLatch release = new CountDownLatch(1);
        int sent = 0;
        try {
            stallEveryLoop(f, release);
            double fill = fill(f);
            while (fill < 0.5 && sent < 200) {
                for (int i = 0; i < 8; i++) {
                    keepAlives.send(options(keepAlives.port(), f.udpPort(), sent++), f.udpPort());
                }
                fill = nextSample(f, fill);
            }
            assertTrue(fill >= 0.5 && fill < 0.95, "the queue is backed up but has room: " + fill);
            // from the same socket, so that the kernel queues it on the same (fullest) SIP socket
            keepAlives.send(ScriptedUdp.invite(keepAlives.port(), f.udpPort(), "backlog-1", "z9hG4bK-bl1",
                    PROXY.e164(), CALLER.e164()), f.udpPort());
            nextSample(f, fill); // the relay has seen its queue with the INVITE in it
        } finally {
            release.countDown();
        }
        return sent;
    }

    /** Parks every SIP event loop of the relay until {@code release}. */
    private static void stallEveryLoop(RelayFixture f, CountDownLatch release) {
        Set<EventExecutor> loops = new HashSet<>();
        for (int i = 0; i < 1000 && loops.size() < 2; i++) {
            loops.add(f.relay.transport().loopFor("stall-" + i));
        }
        CountDownLatch parked = new CountDownLatch(loops.size());
        for (EventExecutor loop : loops) {
            loop.execute(() -> {
                parked.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> parked.getCount() == 0);
    }

    private static double fill(RelayFixture f) {
        return f.registry.get(SipMetrics.UDP_RECEIVE_QUEUE_FILL).gauge().value();
    }

    /** Waits for a sample that saw more in the queue than {@code before}. */
    private static double nextSample(RelayFixture f, double before) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> fill(f) > before);
        return fill(f);
    }

    /** Everything the peer received until it went quiet. */
    private static List<String> answers(ScriptedUdp peer) {
        List<String> answers = new java.util.ArrayList<>();
        for (Optional<String> m = peer.receive(); m.isPresent(); m = peer.receive()) {
            answers.add(m.get());
        }
        return answers;
    }

    /** A carrier's keep-alive OPTIONS, padded to ~1 KB so that a few fill the small buffer. */
    private static String options(int fromPort, int toPort, int n) {
        return "OPTIONS sip:127.0.0.1:" + toPort + " SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + fromPort + ";branch=z9hG4bK-ka" + n + ";rport\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:carrier@127.0.0.1>;tag=ka" + n + "\n"
                + "To: <sip:127.0.0.1:" + toPort + ">\n"
                + "Call-ID: keepalive-" + n + "\n"
                + "CSeq: 1 OPTIONS\n"
                + "Subject: " + "k".repeat(800) + "\n"
                + "Content-Length: 0\n\n";
    }
}
