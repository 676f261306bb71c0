package io.maskgate.smpp.message;

import java.util.ArrayList;
import java.util.List;
import org.jsmpp.bean.MessageRequest;
import org.jsmpp.bean.OptionalParameter;

/** Converts between jsmpp's mutable beans and our values. jsmpp spells an empty C-string as null. */
public final class JsmppMessages {
    private static final OptionalParameter[] NO_PARAMETERS = new OptionalParameter[0];

    private JsmppMessages() {}

    /** A submit_sm or deliver_sm as jsmpp decoded it, as our value. */
    public static SubmitRequest fromMessageRequest(MessageRequest m) {
        return new SubmitRequest(
                orEmpty(m.getServiceType()),
                new SmppAddress(m.getSourceAddrTon(), m.getSourceAddrNpi(), orEmpty(m.getSourceAddr())),
                new SmppAddress(m.getDestAddrTon(), m.getDestAddrNpi(), orEmpty(m.getDestAddress())),
                m.getEsmClass(),
                m.getProtocolId(),
                m.getPriorityFlag(),
                orEmpty(m.getScheduleDeliveryTime()),
                orEmpty(m.getValidityPeriod()),
                m.getRegisteredDelivery(),
                m.getReplaceIfPresent(),
                m.getDataCoding(),
                m.getSmDefaultMsgId(),
                m.getShortMessage() == null ? new byte[0] : m.getShortMessage(),
                tlvs(m.getOptionalParameters()));
    }

    /** jsmpp's decoded TLVs re-serialised to raw tag/value octets. */
    public static List<Tlv> tlvs(OptionalParameter[] parameters) {
        if (parameters == null) {
            return List.of();
        }
        List<Tlv> out = new ArrayList<>(parameters.length);
        for (OptionalParameter p : parameters) {
            byte[] wire = p.serialize();
            byte[] value = new byte[wire.length - 4];
            System.arraycopy(wire, 4, value, 0, value.length);
            out.add(new Tlv(p.tag, value));
        }
        return out;
    }

    /** Our TLVs as jsmpp parameters that serialise to exactly the same octets. */
    public static OptionalParameter[] optionalParameters(List<Tlv> tlvs) {
        if (tlvs.isEmpty()) {
            return NO_PARAMETERS;
        }
        OptionalParameter[] out = new OptionalParameter[tlvs.size()];
        for (int i = 0; i < out.length; i++) {
            Tlv tlv = tlvs.get(i);
            out[i] = new OptionalParameter.OctetString(tlv.tag(), tlv.value());
        }
        return out;
    }

    /** jsmpp writes a null C-string as a lone NUL, which is how SMPP spells "empty". */
    public static String nullIfEmpty(String s) {
        return s.isEmpty() ? null : s;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
