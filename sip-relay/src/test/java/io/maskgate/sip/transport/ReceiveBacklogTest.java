package io.maskgate.sip.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SIP UDP sockets' unread backlog, read from the kernel's tables for a real socket on 127.0.0.1. */
class ReceiveBacklogTest {

    /** Samples only when the test asks (the scheduled one runs once, at start). */
    private static final Duration BY_HAND = Duration.ofSeconds(60);

    @Test
    void theQueueColumnIsReadPerRowOnTheGivenPorts() {
        List<String> udp = List.of(
                "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops",
                "  101: 0100007F:15C2 00000000:0000 07 00000000:0001E000 00:00000000 00000000     0        0 4242 2 0000000000000000 17",
                "  103: 0100007F:15CC 00000000:0000 07 00000000:00000300 00:00000000 00000000     0        0 4244 2 0000000000000000 0");
        // 0x15C2 = 5570, 0x1E000 = 122,880 bytes waiting
        assertEquals(List.of(new ProcNetUdp.Row(5570, 122_880, 17)), ProcNetUdp.rows(udp, Set.of(5570)));
        assertEquals(List.of(), ProcNetUdp.rows(udp, Set.of(5060)));
    }

    @Test
    void aSocketNobodyReadsFillsAndTheReactionsFollowItUpAndDown() throws Exception {
        try (UnreadSocket socket = new UnreadSocket();
                ReceiveBacklog backlog = socket.watch(new ReceiveBacklogOptions(10, 50, Duration.ZERO, BY_HAND, false))) {
            backlog.sample();
            assertEquals(0.0, backlog.fill());
            assertFalse(backlog.holdRetransmissions());
            assertFalse(backlog.shedShare() > 0);

            socket.fillTo(0.1, backlog);
            assertTrue(backlog.holdRetransmissions(), "hold from 10%: " + backlog.fill());
            assertFalse(backlog.shedShare() > 0, "not yet shedding: " + backlog.fill());
            socket.fillTo(0.5, backlog);
            assertTrue(backlog.shedShare() > 0, "shed from 50%: " + backlog.fill());

            socket.drain();
            backlog.sample();
            assertEquals(0.0, backlog.fill(), "everything read");
            assertFalse(backlog.holdRetransmissions());
            assertFalse(backlog.shedShare() > 0);
        }
    }

    @Test
    void callsAreShedOnlyOnceTheQueueHasStayedBehindForShedAfter() throws Exception {
        try (UnreadSocket socket = new UnreadSocket();
                ReceiveBacklog backlog = socket.watch(new ReceiveBacklogOptions(10, 50, Duration.ofMillis(300), BY_HAND, false))) {
            long began = System.nanoTime();
            socket.fillTo(0.5, backlog);
            assertTrue(backlog.fill() >= 0.5, "over the shed percent: " + backlog.fill());
            assertFalse(backlog.shedShare() > 0, "a moment's backlog sheds nothing");
            assertTrue(backlog.holdRetransmissions(), "retransmissions are held at once");

            Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() -> {
                backlog.sample();
                return backlog.shedShare() > 0;
            });
            assertTrue(System.nanoTime() - began >= Duration.ofMillis(300).toNanos(),
                    "shedding began only once the backlog had lasted 300 ms");

            socket.drain();
            backlog.sample();
            assertFalse(backlog.shedShare() > 0, "admitted again as soon as a sample is under");
        }
    }

    @Test
    void reconfiguredPercentsApplyFromTheNextSample() throws Exception {
        try (UnreadSocket socket = new UnreadSocket(); ReceiveBacklog backlog = socket.watch(ReceiveBacklogOptions.off())) {
            socket.fillTo(0.6, backlog);
            assertFalse(backlog.holdRetransmissions());
            assertFalse(backlog.shedShare() > 0);
            backlog.reconfigure(new ReceiveBacklogOptions(10, 25, Duration.ZERO, BY_HAND, false));
            assertTrue(backlog.holdRetransmissions(), "the hold reads the new percent at once");
            backlog.sample();
            assertEquals(1.0, backlog.shedShare(), "past twice the new shed percent: every new call");
        }
    }

    @Test
    void theShareShedGrowsFromNoneAtThePercentToAllAtTwiceIt() {
        assertEquals(0.0, ReceiveBacklog.share(0.24, 25));
        assertTrue(ReceiveBacklog.share(0.25, 25) > 0, "at the percent itself, shedding has begun");
        assertEquals(0.5, ReceiveBacklog.share(0.375, 25), 1e-9);
        assertEquals(1.0, ReceiveBacklog.share(0.5, 25));
        assertEquals(1.0, ReceiveBacklog.share(1.02, 25), "a queue past its buffer (the kernel allows a little)");
        assertEquals(0.0, ReceiveBacklog.share(1.0, 0), "0 = off");
    }

    @Test
    void zeroTurnsAReactionOffHoweverFullTheQueue() throws Exception {
        try (UnreadSocket socket = new UnreadSocket(); ReceiveBacklog backlog = socket.watch(ReceiveBacklogOptions.off())) {
            socket.fillTo(0.9, backlog);
            assertTrue(backlog.fill() >= 0.9, "full: " + backlog.fill());
            assertFalse(backlog.holdRetransmissions());
            assertFalse(backlog.shedShare() > 0);
        }
    }

    @Test
    void aLongSocketTableIsReadLessOftenSoThatSamplingStaysCheap(@TempDir Path procNet) throws Exception {
        StringBuilder table = new StringBuilder(
                "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n");
        for (int i = 0; i < 30_000; i++) { // an RTP relay's sockets on the same host
            table.append(String.format("%5d: 0100007F:%04X 00000000:0000 07 00000000:00000000 00:00000000 00000000"
                    + "     0        0 %d 2 0000000000000000 0%n", i, 10_000 + i % 50_000, 4000 + i));
        }
        Files.writeString(procNet.resolve("udp"), table);
        Duration every = Duration.ofMillis(50);
        try (ReceiveBacklog backlog = ReceiveBacklog.start(new ProcNetUdp(procNet, Set.of(5570)), 1 << 20,
                new ReceiveBacklogOptions(10, 25, Duration.ZERO, every, false))) {
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> backlog.interval().compareTo(every.multipliedBy(4)) > 0);
        }
        try (ReceiveBacklog backlog = ReceiveBacklog.start(new ProcNetUdp(ProcNetUdp.PROC_NET, Set.of(5570)), 1 << 20,
                new ReceiveBacklogOptions(10, 25, Duration.ZERO, every, false))) {
            // this host's short table: a read of well under a millisecond, so (nearly) the interval asked for
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> backlog.interval().compareTo(every.multipliedBy(2)) <= 0);
        }
    }

    @Test
    void withoutTheKernelsTablesNothingIsEverBehind() {
        try (ReceiveBacklog none = ReceiveBacklog.none(ReceiveBacklogOptions.create())) {
            assertEquals(0.0, none.fill());
            assertFalse(none.holdRetransmissions());
            assertFalse(none.shedShare() > 0);
        }
    }

    @Test
    void percentsOutsideZeroToHundredAreRefusedNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReceiveBacklogOptions.of(101, 50));
        assertTrue(e.getMessage().contains("holdRetransmissionsPercent"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ReceiveBacklogOptions.of(10, -1));
        assertTrue(e.getMessage().contains("shedNewCallsPercent"), e.getMessage());
    }

    /** A UDP socket on 127.0.0.1 with a small receive buffer that nobody reads, and a peer that fills it. */
    private static final class UnreadSocket implements AutoCloseable {
        private final DatagramSocket slow = new DatagramSocket(null);
        private final DatagramSocket sender = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));

        UnreadSocket() throws Exception {
            slow.setReceiveBufferSize(64 * 1024); // the kernel grants twice this, and counts the queue the same way
            slow.bind(new InetSocketAddress("127.0.0.1", 0));
        }

        ReceiveBacklog watch(ReceiveBacklogOptions options) throws Exception {
            return ReceiveBacklog.start(new ProcNetUdp(ProcNetUdp.PROC_NET, Set.of(slow.getLocalPort())),
                    slow.getReceiveBufferSize(), options);
        }

        /** Sends 1 KB datagrams, sampling after each, until the backlog reads {@code fill} (at most 500). */
        void fillTo(double fill, ReceiveBacklog backlog) throws Exception {
            byte[] datagram = new byte[1000];
            for (int sent = 0; sent < 500 && backlog.fill() < fill; sent++) {
                sender.send(new DatagramPacket(datagram, datagram.length, slow.getLocalSocketAddress()));
                backlog.sample();
            }
        }

        void drain() throws Exception {
            slow.setSoTimeout(200);
            byte[] buffer = new byte[2048];
            try {
                while (true) {
                    slow.receive(new DatagramPacket(buffer, buffer.length));
                }
            } catch (SocketTimeoutException drained) {
                // nothing left
            }
        }

        @Override
        public void close() {
            slow.close();
            sender.close();
        }
    }
}
