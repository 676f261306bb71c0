package io.maskgate.sip.transaction;

/**
 * The states of RFC 3261 section 17 (figures 5 to 8) and the Accepted state that RFC 6026
 * section 7.1 adds to the INVITE server transaction.
 */
public enum TransactionState {
    /** INVITE client: request sent, no response yet (17.1.1.2). */
    CALLING,
    /** Non-INVITE client and server: request sent / received, no response yet (17.1.2.2, 17.2.2). */
    TRYING,
    /** A provisional response was received or sent. */
    PROCEEDING,
    /** A final response (3xx-6xx for INVITE, any final for non-INVITE) was received or sent. */
    COMPLETED,
    /** INVITE server: the ACK for our 3xx-6xx arrived; timer I absorbs ACK retransmissions (17.2.1). */
    CONFIRMED,
    /**
     * INVITE server: a 2xx was sent; retransmitted INVITEs are absorbed and ACKs go to the TU until
     * timer L (64*T1) ends it (RFC 6026 section 8.7).
     */
    ACCEPTED,
    /** Gone from the table; nothing more happens. */
    TERMINATED
}
