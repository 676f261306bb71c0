package io.maskgate.smpp.message;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One submit_sm (SMPP 3.4 section 4.4.1) as a value: what jsmpp's 18-argument
 * {@code submitShortMessage} takes, named. Every field is carried as the octets received, so UDH
 * concatenation (esm_class 0x40 + UDH in short_message), UCS2 (data_coding 0x08), message_payload
 * and sar_* TLVs pass through unchanged; only the addresses are rewritten by the relay.
 *
 * <p>{@link #toString()} masks both addresses and shows only the length of the content.
 */
public record SubmitRequest(
        String serviceType,
        SmppAddress source,
        SmppAddress destination,
        byte esmClass,
        byte protocolId,
        byte priorityFlag,
        String scheduleDeliveryTime,
        String validityPeriod,
        byte registeredDelivery,
        byte replaceIfPresent,
        byte dataCoding,
        byte smDefaultMsgId,
        byte[] shortMessage,
        List<Tlv> tlvs) {

    public SubmitRequest {
        Objects.requireNonNull(serviceType, "serviceType");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(scheduleDeliveryTime, "scheduleDeliveryTime");
        Objects.requireNonNull(validityPeriod, "validityPeriod");
        shortMessage = shortMessage.clone();
        tlvs = List.copyOf(tlvs);
    }

    @Override
    public byte[] shortMessage() {
        return shortMessage.clone();
    }

    /** The same message between other addresses: the relay's one rewrite. */
    public SubmitRequest withAddresses(SmppAddress newSource, SmppAddress newDestination) {
        return new SubmitRequest(serviceType, newSource, newDestination, esmClass, protocolId, priorityFlag,
                scheduleDeliveryTime, validityPeriod, registeredDelivery, replaceIfPresent, dataCoding,
                smDefaultMsgId, shortMessage, tlvs);
    }

    /** The same message with other TLVs (an allow-list applied, a receipted_message_id rewritten). */
    public SubmitRequest withTlvs(List<Tlv> newTlvs) {
        return new SubmitRequest(serviceType, source, destination, esmClass, protocolId, priorityFlag,
                scheduleDeliveryTime, validityPeriod, registeredDelivery, replaceIfPresent, dataCoding,
                smDefaultMsgId, shortMessage, newTlvs);
    }

    /** The same message with other short_message octets (a receipt's {@code id:} rewritten). */
    public SubmitRequest withShortMessage(byte[] newShortMessage) {
        return new SubmitRequest(serviceType, source, destination, esmClass, protocolId, priorityFlag,
                scheduleDeliveryTime, validityPeriod, registeredDelivery, replaceIfPresent, dataCoding,
                smDefaultMsgId, newShortMessage, tlvs);
    }

    /** The first TLV with this tag, if any. */
    public java.util.Optional<Tlv> tlv(short tag) {
        return tlvs.stream().filter(t -> t.tag() == tag).findFirst();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SubmitRequest r && serviceType.equals(r.serviceType) && source.equals(r.source)
                && destination.equals(r.destination) && esmClass == r.esmClass && protocolId == r.protocolId
                && priorityFlag == r.priorityFlag && scheduleDeliveryTime.equals(r.scheduleDeliveryTime)
                && validityPeriod.equals(r.validityPeriod) && registeredDelivery == r.registeredDelivery
                && replaceIfPresent == r.replaceIfPresent && dataCoding == r.dataCoding
                && smDefaultMsgId == r.smDefaultMsgId && Arrays.equals(shortMessage, r.shortMessage)
                && tlvs.equals(r.tlvs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, destination, esmClass, dataCoding, tlvs) * 31 + Arrays.hashCode(shortMessage);
    }

    @Override
    public String toString() {
        return "SubmitRequest[source=" + source + ", destination=" + destination + ", esmClass=" + esmClass
                + ", dataCoding=" + dataCoding + ", registeredDelivery=" + registeredDelivery
                + ", shortMessage=" + shortMessage.length + " octets, tlvs=" + tlvs + "]";
    }
}
