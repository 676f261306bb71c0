package io.maskgate.sip.transport;

import java.util.List;

/**
 * Datagrams the kernel dropped because a SIP UDP socket's receive buffer was full: the
 * {@code drops} column of {@link ProcNetUdp}, summed over the rows bound to the SIP ports.
 *
 * <p>Why: such a drop never reaches the process, so no counter of ours sees it. The caller
 * retransmits after T1 (500 ms), which shows as a step in the setup-latency p99 that nothing else
 * explains. The fix is a larger {@code sip.udpReceiveBufferBytes} (and {@code net.core.rmem_max}),
 * or event loops that keep up.
 *
 * <p>The kernel keeps the count per socket for the socket's life, and the SIP sockets live as long
 * as the process, so the sum only grows. Read on each scrape; a few hundred rows at most.
 */
final class UdpReceiveDrops {

    private final ProcNetUdp table;

    UdpReceiveDrops(ProcNetUdp table) {
        this.table = table;
    }

    /** The drops summed over both tables; NaN when neither can be read. */
    double total() {
        return table.read().map(rows -> (double) sum(rows)).orElse(Double.NaN);
    }

    /** The drops of these rows, summed. */
    static long sum(List<ProcNetUdp.Row> rows) {
        long sum = 0;
        for (ProcNetUdp.Row row : rows) {
            sum += row.drops();
        }
        return sum;
    }
}
