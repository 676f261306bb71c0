package io.maskgate.smpp.relay;

import io.maskgate.smpp.message.Tlv;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which optional parameters cross the relay: an allow-list, never a block-list (as for SIP
 * headers, DESIGN.md section 2), because a TLV we do not know may carry a number. Dropped on
 * purpose among others: source_subaddress 0x0202, dest_subaddress 0x0203, callback_num 0x0381,
 * callback_num_pres_ind 0x0302, callback_num_atag 0x0303 (SMPP 3.4 section 5.3.2) - they hold
 * the sender's number or a way to call back.
 */
public final class TlvPolicy {
    /** Content, segmentation and delivery hints both ways (SMPP 3.4 section 5.3.2). */
    private static final Set<Short> CONTENT = Set.of(
            (short) 0x0424, // message_payload
            (short) 0x020C, // sar_msg_ref_num
            (short) 0x020E, // sar_total_segments
            (short) 0x020F, // sar_segment_seqnum
            (short) 0x0204, // user_message_reference
            (short) 0x020A, // source_port
            (short) 0x020B, // destination_port
            (short) 0x0019, // payload_type
            (short) 0x020D, // language_indicator
            (short) 0x0426, // more_messages_to_send
            (short) 0x0030, // ms_msg_wait_facilities
            (short) 0x0201, // privacy_indicator
            (short) 0x0205); // user_response_code
    /** Towards the SMSC only: validity and display hints an ESME may set. */
    private static final Set<Short> MT_ONLY = Set.of(
            (short) 0x0017, // qos_time_to_live
            (short) 0x1201, // display_time
            (short) 0x1204, // ms_validity
            (short) 0x0421, // set_dpf
            (short) 0x130C); // alert_on_message_delivery
    /** Towards the ESME only: a receipt's state (receipted_message_id is rewritten, not passed). */
    private static final Set<Short> RECEIPT_ONLY = Set.of(Tlv.MESSAGE_STATE, Tlv.NETWORK_ERROR_CODE);

    private final Set<Short> mt;
    private final Set<Short> toEsme;

    /** @param extraMtTags further tags conf lets through towards the SMSC (the DLT tags among them) */
    public TlvPolicy(Set<Short> extraMtTags) {
        Set<Short> m = new HashSet<>(CONTENT);
        m.addAll(MT_ONLY);
        m.addAll(extraMtTags);
        this.mt = Set.copyOf(m);
        Set<Short> e = new HashSet<>(CONTENT);
        e.addAll(RECEIPT_ONLY);
        this.toEsme = Set.copyOf(e);
    }

    /** The TLVs of an ESME's submit_sm that go upstream. */
    public List<Tlv> forUpstream(List<Tlv> tlvs) {
        return tlvs.stream().filter(t -> mt.contains(t.tag())).toList();
    }

    /** The TLVs of an SMSC's deliver_sm that go to the ESME. */
    public List<Tlv> forEsme(List<Tlv> tlvs) {
        return tlvs.stream().filter(t -> toEsme.contains(t.tag())).toList();
    }
}
