package io.maskgate.smpp.pdu;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jsmpp.SMPPConstant;

/**
 * The SMPP 3.4 commands (section 5.1.2) as a fixed set of metric label values; anything else a
 * peer sends is {@link #OTHER}, so the label set stays bounded whatever arrives on the wire.
 */
public enum PduType {
    BIND_TRANSMITTER(SMPPConstant.CID_BIND_TRANSMITTER),
    BIND_TRANSMITTER_RESP(SMPPConstant.CID_BIND_TRANSMITTER_RESP),
    BIND_RECEIVER(SMPPConstant.CID_BIND_RECEIVER),
    BIND_RECEIVER_RESP(SMPPConstant.CID_BIND_RECEIVER_RESP),
    BIND_TRANSCEIVER(SMPPConstant.CID_BIND_TRANSCEIVER),
    BIND_TRANSCEIVER_RESP(SMPPConstant.CID_BIND_TRANSCEIVER_RESP),
    SUBMIT_SM(SMPPConstant.CID_SUBMIT_SM),
    SUBMIT_SM_RESP(SMPPConstant.CID_SUBMIT_SM_RESP),
    DELIVER_SM(SMPPConstant.CID_DELIVER_SM),
    DELIVER_SM_RESP(SMPPConstant.CID_DELIVER_SM_RESP),
    ENQUIRE_LINK(SMPPConstant.CID_ENQUIRE_LINK),
    ENQUIRE_LINK_RESP(SMPPConstant.CID_ENQUIRE_LINK_RESP),
    UNBIND(SMPPConstant.CID_UNBIND),
    UNBIND_RESP(SMPPConstant.CID_UNBIND_RESP),
    GENERIC_NACK(SMPPConstant.CID_GENERIC_NACK),
    OTHER(-1);

    private static final Map<Integer, PduType> BY_ID = new HashMap<>();

    static {
        for (PduType t : values()) {
            BY_ID.put(t.commandId, t);
        }
    }

    private final int commandId;

    PduType(int commandId) {
        this.commandId = commandId;
    }

    public static PduType of(int commandId) {
        return BY_ID.getOrDefault(commandId, OTHER);
    }

    /** Lower-case metric label value, e.g. {@code submit_sm}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
