package io.maskgate.smpp.relay;

import io.maskgate.smpp.pdu.CommandStatus;
import io.maskgate.smpp.server.EsmeDelivery;

/** The deliver_sm_resp status an SMSC gets for how our deliver_sm to the ESME ended. */
final class EsmeOutcomes {
    private EsmeOutcomes() {}

    /**
     * Delivered: ESME_ROK. Refused by the ESME: its own status (it knows whether retrying helps).
     * Not delivered for a reason of ours (no bind, timeout, I/O): ESME_RX_T_APPN, so the SMSC
     * keeps the message and retries instead of it being lost.
     */
    static int toUpstreamStatus(EsmeDelivery delivery) {
        return switch (delivery.outcome()) {
            case DELIVERED -> CommandStatus.ESME_ROK;
            case REFUSED -> delivery.esmeStatus();
            case NO_RECEIVER, TIMEOUT, FAILED -> CommandStatus.ESME_RX_T_APPN;
        };
    }
}
