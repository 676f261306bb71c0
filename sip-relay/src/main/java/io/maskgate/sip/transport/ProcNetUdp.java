package io.maskgate.sip.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rows of Linux's {@code /proc/net/udp} and {@code /proc/net/udp6} that belong to given local
 * ports: what the kernel knows of a UDP socket that the socket API does not tell, namely how many
 * bytes wait unread in its receive queue and how many datagrams it dropped because that queue was
 * full.
 *
 * <p>Rows are matched by local port: a socket of another process bound to the same port number
 * (possible only with SO_REUSEPORT and the same user) would be counted too.
 */
final class ProcNetUdp {

    static final Path PROC_NET = Path.of("/proc/net");
    private static final List<String> TABLES = List.of("udp", "udp6");
    /** Columns: sl local_address rem_address st tx_queue:rx_queue tr:tm retrnsmt uid timeout inode ref pointer drops. */
    private static final int LOCAL_ADDRESS = 1;
    private static final int QUEUES = 4;
    private static final int DROPS = 12;

    /**
     * One socket.
     *
     * @param rxQueueBytes what waits unread, counted as the kernel counts it against the socket's
     *     receive buffer (the buffers' true size, not only the payload)
     */
    record Row(int localPort, long rxQueueBytes, long drops) {
    }

    private final Path procNet;
    private final Set<Integer> ports;

    ProcNetUdp(Path procNet, Set<Integer> ports) {
        this.procNet = procNet;
        this.ports = Set.copyOf(ports);
    }

    /** True where the kernel publishes the tables (Linux with /proc mounted). */
    static boolean available(Path procNet) {
        return Files.isReadable(procNet.resolve("udp"));
    }

    /** The rows of both tables on our ports; empty when neither can be read. */
    Optional<List<Row>> read() {
        List<Row> rows = new ArrayList<>();
        boolean read = false;
        for (String table : TABLES) {
            try {
                // not readString: procfs reports size 0, and readString then returns a single byte
                rows.addAll(rows(Files.readAllLines(procNet.resolve(table), StandardCharsets.US_ASCII), ports));
                read = true;
            } catch (IOException | RuntimeException unreadable) {
                // no IPv6 in this kernel, or /proc went away: keep what the other table says
            }
        }
        return read ? Optional.of(rows) : Optional.empty();
    }

    /** The rows (after the header line) whose local port is one of {@code ports}. */
    static List<Row> rows(List<String> lines, Set<Integer> ports) {
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] columns = lines.get(i).trim().split("\\s+");
            if (columns.length <= DROPS) {
                continue;
            }
            int port = Integer.parseInt(afterColon(columns[LOCAL_ADDRESS]), 16);
            if (ports.contains(port)) {
                rows.add(new Row(port, Long.parseLong(afterColon(columns[QUEUES]), 16), Long.parseLong(columns[DROPS])));
            }
        }
        return rows;
    }

    private static String afterColon(String column) {
        return column.substring(column.lastIndexOf(':') + 1);
    }
}
