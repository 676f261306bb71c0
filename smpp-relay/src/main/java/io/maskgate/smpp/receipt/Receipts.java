package io.maskgate.smpp.receipt;

import io.maskgate.smpp.message.SubmitRequest;
import io.maskgate.smpp.message.Tlv;
import java.util.Optional;

/** Recognising a delivery receipt and finding the upstream message id it is about. */
public final class Receipts {
    /** esm_class bits 2-5 (SMPP 3.4 section 5.2.12): the message type; 0 is a normal message. */
    private static final int MESSAGE_TYPE_MASK = 0x3C;
    /** Message type 0001 in bits 2-5: SMSC delivery receipt. */
    private static final int SMSC_DELIVERY_RECEIPT = 0x04;

    private Receipts() {}

    /**
     * True for anything that is not a plain MO message: any esm_class message type (receipt, SME
     * acknowledgement, intermediate notification), or a receipted_message_id TLV. These are never
     * routed as MO, so a receipt can never be relayed to a handset's counterpart by mistake.
     */
    public static boolean isReceipt(SubmitRequest deliver) {
        return (deliver.esmClass() & MESSAGE_TYPE_MASK) != 0 || deliver.tlv(Tlv.RECEIPTED_MESSAGE_ID).isPresent();
    }

    /** True when the message type is exactly an SMSC delivery receipt. */
    public static boolean isSmscDeliveryReceipt(SubmitRequest deliver) {
        return (deliver.esmClass() & MESSAGE_TYPE_MASK) == SMSC_DELIVERY_RECEIPT;
    }

    /** The receipted upstream id: the TLV (SMPP 3.4 section 5.3.2.12) first, else the text's {@code id:}. */
    public static Optional<String> upstreamId(SubmitRequest deliver) {
        Optional<String> fromTlv = deliver.tlv(Tlv.RECEIPTED_MESSAGE_ID).map(Tlv::asCString).filter(s -> !s.isEmpty());
        return fromTlv.isPresent() ? fromTlv : ReceiptText.id(deliver.shortMessage());
    }
}
