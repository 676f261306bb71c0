package io.maskgate.sip.transaction;

/**
 * What every transaction of one layer shares: options, meters, the table, the transport, the TU, the
 * layer and the batched last timers.
 */
record TransactionContext(TransactionOptions options, TransactionMetrics metrics, TransactionTable table,
        TransactionTransport transport, TransactionUser user, TransactionLayer layer, LingerTimers lingering) {
}
