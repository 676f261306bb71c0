package io.maskgate.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports on 127.0.0.1 for a peer that a test starts after the process under test, such as a trunk
 * the relay will call or a redis-server the fixture will launch.
 *
 * <p>Asking the kernel for port 0 and closing the socket is not enough: the number goes back into
 * the ephemeral pool, and the next {@code bind(0)} or outgoing connection (the gateway's own
 * listeners, a TLS client, another test fork) may be handed the same number before the peer binds
 * it. That raced once in CI ({@code BindException} on a TLS trunk). Ports handed out here come from
 * below the kernel's ephemeral range, which the kernel never assigns on its own, and are free for
 * both TCP and UDP, so a peer may use either.
 */
public final class FreePorts {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Linux's default ephemeral range starts here; used where /proc is unreadable. */
    private static final int DEFAULT_EPHEMERAL_LOW = 32_768;
    /** Far above the well-known and usual service ports. */
    private static final int LOWEST = 20_000;
    private static final int ATTEMPTS = 200;

    private FreePorts() {
    }

    /** A port free on 127.0.0.1 for both TCP and UDP, outside the kernel's ephemeral range. */
    public static int tcpAndUdp() {
        int highest = ephemeralLow() - 1;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < ATTEMPTS; i++) {
            int port = random.nextInt(LOWEST, highest + 1);
            if (isFree(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no port free for TCP and UDP in " + LOWEST + ".." + highest
                + " after " + ATTEMPTS + " tries");
    }

    private static boolean isFree(int port) {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket tcp = new ServerSocket();
                DatagramSocket udp = new DatagramSocket(null)) {
            tcp.bind(new InetSocketAddress(loopback, port), 1);
            udp.bind(new InetSocketAddress(loopback, port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static int ephemeralLow() {
        try {
            // not readString: on this JDK it trusts the size procfs reports (0) and returns one byte
            String range = Files.readAllLines(EPHEMERAL_RANGE, StandardCharsets.US_ASCII).get(0).trim();
            int low = Integer.parseInt(range.split("\\s+")[0]);
            // a range that leaves no room below it: use the default split and accept the rare race
            return low > LOWEST + 1_000 ? low : DEFAULT_EPHEMERAL_LOW;
        } catch (IOException | RuntimeException unreadable) {
            return DEFAULT_EPHEMERAL_LOW;
        }
    }
}
