package io.maskgate.sip.transaction;

/** What every transaction of one layer shares: options, meters, the table, the transport, the TU and the layer. */
record TransactionContext(TransactionOptions options, TransactionMetrics metrics, TransactionTable table,
        TransactionTransport transport, TransactionUser user, TransactionLayer layer) {
}
