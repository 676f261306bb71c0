package io.maskgate.smpp.server;

/**
 * How a deliver_sm towards an ESME ended.
 *
 * @param outcome what happened
 * @param esmeStatus the ESME's deliver_sm_resp command_status when {@link Outcome#REFUSED}, else 0
 */
public record EsmeDelivery(Outcome outcome, int esmeStatus) {
    public enum Outcome {
        /** The ESME answered deliver_sm_resp ESME_ROK. */
        DELIVERED,
        /** No receiver or transceiver bind of the system_id is open. */
        NO_RECEIVER,
        /** The ESME did not answer in time (it may still have the message). */
        TIMEOUT,
        /** The ESME answered with an error {@link #esmeStatus()}. */
        REFUSED,
        /** Every receiving bind failed on I/O. */
        FAILED
    }

    static EsmeDelivery of(Outcome outcome) {
        return new EsmeDelivery(outcome, 0);
    }
}
