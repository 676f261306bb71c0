package io.maskgate.smpp.pdu;

import java.util.Map;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.util.DefaultDecomposer;
import org.jsmpp.util.PDUDecomposer;

/**
 * Decides whether jsmpp will be able to parse a framed PDU's body, by running jsmpp's own
 * decomposer on it. Needed because jsmpp's decomposer reads past the end of a short body with an
 * unchecked {@code ArrayIndexOutOfBoundsException}, which its worker thread swallows: the peer
 * would get no answer at all and wait for its own timeout.
 *
 * <p>A {@link PDUStringException} (a C-string too long for its field) is not our concern: jsmpp
 * answers it itself with the field's own error in the matching *_resp, which is the better answer.
 */
final class BodyCheck {
    @FunctionalInterface
    private interface Parse {
        void parse(PDUDecomposer decomposer, byte[] pdu) throws PDUStringException;
    }

    private static final Map<Integer, Parse> PARSERS = Map.ofEntries(
            Map.entry(SMPPConstant.CID_BIND_TRANSMITTER, PDUDecomposer::bind),
            Map.entry(SMPPConstant.CID_BIND_RECEIVER, PDUDecomposer::bind),
            Map.entry(SMPPConstant.CID_BIND_TRANSCEIVER, PDUDecomposer::bind),
            Map.entry(SMPPConstant.CID_SUBMIT_SM, PDUDecomposer::submitSm),
            Map.entry(SMPPConstant.CID_SUBMIT_SM_RESP, PDUDecomposer::submitSmResp),
            Map.entry(SMPPConstant.CID_DELIVER_SM, PDUDecomposer::deliverSm),
            Map.entry(SMPPConstant.CID_DATA_SM, PDUDecomposer::dataSm),
            Map.entry(SMPPConstant.CID_QUERY_SM, PDUDecomposer::querySm),
            Map.entry(SMPPConstant.CID_CANCEL_SM, PDUDecomposer::cancelSm),
            Map.entry(SMPPConstant.CID_REPLACE_SM, PDUDecomposer::replaceSm));

    private final PDUDecomposer decomposer = new DefaultDecomposer();

    /** True when jsmpp can decompose {@code pdu} (or does not decompose this command at all). */
    boolean parses(int commandId, byte[] pdu) {
        Parse parse = PARSERS.get(commandId);
        if (parse == null) {
            return true;
        }
        try {
            parse.parse(decomposer, pdu);
            return true;
        } catch (PDUStringException e) {
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
