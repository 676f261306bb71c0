package io.maskgate.sip.transaction;

/**
 * The transaction table holds {@link TransactionOptions#maxTransactions()} live transactions and
 * its reserve for admitted calls is used up too: the request was not sent. The caller should
 * fail the call as overloaded (503) rather than retry at once.
 */
public final class TransactionTableFullException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private TransactionTableFullException(String message) {
        super(message, null, false, false);
    }

    static TransactionTableFullException create(int max) {
        return new TransactionTableFullException("transaction table full (" + max + " live transactions)");
    }
}
