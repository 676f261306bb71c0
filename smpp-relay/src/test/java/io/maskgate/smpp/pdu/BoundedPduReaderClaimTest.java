package io.maskgate.smpp.pdu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Command;
import org.junit.jupiter.api.Test;

class BoundedPduReaderClaimTest {

    @Test
    void aClaimedPduIsNotHandedToJsmppAndTheNextOneIs() throws Exception {
        byte[] resp = pdu(SMPPConstant.CID_SUBMIT_SM_RESP, 7, "abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] link = pdu(SMPPConstant.CID_ENQUIRE_LINK, 8, new byte[0]);
        List<byte[]> claimed = new ArrayList<>();
        List<Integer> seen = new ArrayList<>();
        PduListener counting = new PduListener() {
            @Override
            public void onPdu(int commandId, int commandStatus) {
                seen.add(commandId);
            }

            @Override
            public void onRejected(PduRejection rejection, int commandId) {
                throw new AssertionError("nothing here is malformed");
            }
        };
        BoundedPduReader reader = new BoundedPduReader(4096, (status, sequence) -> { }, counting,
                (commandId, pdu) -> commandId == SMPPConstant.CID_SUBMIT_SM_RESP && claimed.add(pdu));
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(concat(resp, link)));

        Command header = reader.readPDUHeader(in);

        assertEquals(SMPPConstant.CID_ENQUIRE_LINK, header.getCommandId());
        assertEquals(8, header.getSequenceNumber());
        assertArrayEquals(link, reader.readPDU(in, header));
        assertEquals(1, claimed.size());
        assertArrayEquals(resp, claimed.get(0));
        assertEquals(List.of(SMPPConstant.CID_SUBMIT_SM_RESP, SMPPConstant.CID_ENQUIRE_LINK), seen);
    }

    @Test
    void withoutAClaimerEveryPduGoesToJsmpp() throws Exception {
        byte[] resp = pdu(SMPPConstant.CID_SUBMIT_SM_RESP, 7, "abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        BoundedPduReader reader = new BoundedPduReader(4096, (status, sequence) -> { }, PduListener.NONE);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(resp));

        Command header = reader.readPDUHeader(in);

        assertEquals(SMPPConstant.CID_SUBMIT_SM_RESP, header.getCommandId());
        assertArrayEquals(resp, reader.readPDU(in, header));
    }

    /** A PDU with a C-Octet String body (message_id) or an empty one. */
    private static byte[] pdu(int commandId, int sequence, byte[] cString) {
        int length = 16 + (cString.length == 0 ? 0 : cString.length + 1);
        ByteBuffer b = ByteBuffer.allocate(length).putInt(length).putInt(commandId).putInt(0).putInt(sequence);
        if (cString.length > 0) {
            b.put(cString).put((byte) 0);
        }
        return b.array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
