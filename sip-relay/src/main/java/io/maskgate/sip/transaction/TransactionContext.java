package io.maskgate.sip.transaction;

/**
 * What every transaction of one layer shares: options, meters, the table, the transport, the TU, the
 * layer and the batched last timers.
 */
record TransactionContext(TransactionOptions options, TransactionMetrics metrics, TransactionTable table,
        TransactionTransport transport, TransactionUser user, TransactionLayer layer, LingerTimers lingering) {

    /**
     * Asked by every retransmission timer (A, E, G, 2xx) before it sends: false, and counted as
     * held, while the transport is behind on what it received ({@link TransactionTransport#holdRetransmissions()}).
     */
    boolean mayRetransmit() {
        if (transport.holdRetransmissions()) {
            metrics.retransmissionHeld();
            return false;
        }
        return true;
    }
}
