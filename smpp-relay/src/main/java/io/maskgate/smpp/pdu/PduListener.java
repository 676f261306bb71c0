package io.maskgate.smpp.pdu;

/**
 * What the framing layer tells its owner: the session's activity clock and metrics. Methods are
 * called on jsmpp's reader thread and must not block.
 */
public interface PduListener {
    /** A PDU arrived whole and will be handed to jsmpp or claimed; {@code commandStatus} from its header. */
    void onPdu(int commandId, int commandStatus);

    /** A PDU was refused before jsmpp saw it; a generic_nack has been (or is being) sent. */
    void onRejected(PduRejection rejection, int commandId);

    /** Ignores everything. */
    PduListener NONE = new PduListener() {
        @Override
        public void onPdu(int commandId, int commandStatus) {
            // nothing to record
        }

        @Override
        public void onRejected(PduRejection rejection, int commandId) {
            // nothing to record
        }
    };
}
