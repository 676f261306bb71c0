package io.maskgate.sip.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The kernel's drop count of the SIP UDP sockets, from /proc/net/udp and udp6. */
class UdpReceiveDropsTest {

    @Test
    void theDropsOfTheRowsOnTheGivenPortsAreSummedInBothTables() {
        List<String> udp = List.of(
                "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops",
                "  101: 0100007F:15C2 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4242 2 0000000000000000 17",
                "  102: 0100007F:15C2 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4243 2 0000000000000000 3",
                "  103: 0100007F:15CC 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4244 2 0000000000000000 99");
        List<String> udp6 = List.of(
                "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops",
                "  7: 00000000000000000000000001000000:15C2 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4245 2 0000000000000000 5");
        // 0x15C2 = 5570, 0x15CC = 5580
        assertEquals(20, UdpReceiveDrops.sum(ProcNetUdp.rows(udp, Set.of(5570))));
        assertEquals(5, UdpReceiveDrops.sum(ProcNetUdp.rows(udp6, Set.of(5570))));
        assertEquals(119, UdpReceiveDrops.sum(ProcNetUdp.rows(udp, Set.of(5570, 5580))));
        assertEquals(0, UdpReceiveDrops.sum(ProcNetUdp.rows(udp, Set.of(5060))));
    }

    @Test
    void aSocketThatIsNotReadCountsTheDatagramsTheKernelHadToDrop() throws Exception {
        try (DatagramSocket full = new DatagramSocket(null);
                DatagramSocket sender = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            full.setReceiveBufferSize(4096); // the kernel's floor is ~2 KB: a few datagrams fill it
            full.bind(new InetSocketAddress("127.0.0.1", 0));
            UdpReceiveDrops drops = new UdpReceiveDrops(new ProcNetUdp(ProcNetUdp.PROC_NET, Set.of(full.getLocalPort())));
            assertEquals(0.0, drops.total());
            byte[] datagram = new byte[1024];
            for (int i = 0; i < 200; i++) {
                sender.send(new DatagramPacket(datagram, datagram.length, full.getLocalSocketAddress()));
            }
            double counted = drops.total();
            assertTrue(counted > 100 && counted < 200, "drops counted: " + counted);
        }
    }
}
