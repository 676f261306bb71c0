package io.maskgate.sip.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Datagrams the kernel dropped because a SIP UDP socket's receive buffer was full: the
 * {@code drops} column of {@code /proc/net/udp} and {@code /proc/net/udp6} (Linux), summed over the
 * rows bound to the SIP ports.
 *
 * <p>Why: such a drop never reaches the process, so no counter of ours sees it. The caller
 * retransmits after T1 (500 ms), which shows as a step in the setup-latency p99 that nothing else
 * explains. The fix is a larger {@code sip.udpReceiveBufferBytes} (and {@code net.core.rmem_max}),
 * or event loops that keep up.
 *
 * <p>Rows are matched by local port: a socket of another process bound to the same port number
 * (possible only with SO_REUSEPORT and the same user) would be counted too. The kernel keeps the
 * count per socket for the socket's life, and the SIP sockets live as long as the process, so the
 * sum only grows. Read on each scrape; a few hundred rows at most.
 */
final class UdpReceiveDrops {

    static final Path PROC_NET = Path.of("/proc/net");
    private static final List<String> TABLES = List.of("udp", "udp6");
    /** Columns: sl local_address rem_address st tx:rx tr:tm retrnsmt uid timeout inode ref pointer drops. */
    private static final int LOCAL_ADDRESS = 1;
    private static final int DROPS = 12;

    private final Path procNet;
    private final Set<Integer> ports;

    UdpReceiveDrops(Path procNet, Set<Integer> ports) {
        this.procNet = procNet;
        this.ports = Set.copyOf(ports);
    }

    /** True where the kernel publishes the tables (Linux with /proc mounted). */
    static boolean available(Path procNet) {
        return Files.isReadable(procNet.resolve("udp"));
    }

    /** The drops summed over both tables; NaN when neither can be read. */
    double total() {
        long sum = 0;
        boolean read = false;
        for (String table : TABLES) {
            try {
                // not readString: procfs reports size 0, and readString then returns a single byte
                sum += sumDrops(Files.readAllLines(procNet.resolve(table), StandardCharsets.US_ASCII), ports);
                read = true;
            } catch (IOException | RuntimeException unreadable) {
                // no IPv6 in this kernel, or /proc went away: count what the other table says
            }
        }
        return read ? sum : Double.NaN;
    }

    /** The drops of the rows (after the header line) whose local port is one of {@code ports}. */
    static long sumDrops(List<String> lines, Set<Integer> ports) {
        long sum = 0;
        for (int i = 1; i < lines.size(); i++) {
            String[] columns = lines.get(i).trim().split("\\s+");
            if (columns.length <= DROPS) {
                continue;
            }
            String local = columns[LOCAL_ADDRESS];
            int colon = local.lastIndexOf(':');
            if (colon < 0 || !ports.contains(Integer.parseInt(local.substring(colon + 1), 16))) {
                continue;
            }
            sum += Long.parseLong(columns[DROPS]);
        }
        return sum;
    }
}
