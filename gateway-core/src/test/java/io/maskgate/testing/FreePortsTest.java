package io.maskgate.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void aPortIsBelowTheEphemeralRangeAndBindsForTcpAndUdp() throws IOException {
        int port = FreePorts.tcpAndUdp();
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        if (Files.isReadable(range)) {
            int ephemeralLow = Integer.parseInt(Files.readAllLines(range).get(0).trim().split("\\s+")[0]);
            assertTrue(port < ephemeralLow, port + " is inside the ephemeral range from " + ephemeralLow);
        }
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket tcp = new ServerSocket(port, 1, loopback);
                DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, port))) {
            assertTrue(tcp.isBound() && udp.isBound());
        }
    }
}
