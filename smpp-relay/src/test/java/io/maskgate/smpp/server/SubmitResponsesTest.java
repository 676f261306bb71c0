package io.maskgate.smpp.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.Test;

class SubmitResponsesTest {
    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    /** Writes on the calling thread, so each answer is on the wire when the call returns. */
    private final SubmitResponses responses = new SubmitResponses(wire, Runnable::run);

    @Test
    void jsmppsResponseToADeferredSubmitIsDroppedAndOursIsWritten() throws Exception {
        responses.defer(7);
        responses.sendSubmitSmResp(wire, 7, "deferred");
        assertEquals(0, wire.size());

        responses.answer(7, "00ab");
        ByteBuffer pdu = ByteBuffer.wrap(wire.toByteArray());
        assertEquals(16 + 5, pdu.getInt());
        assertEquals(SMPPConstant.CID_SUBMIT_SM_RESP, pdu.getInt());
        assertEquals(0, pdu.getInt());
        assertEquals(7, pdu.getInt());
        byte[] id = new byte[5];
        pdu.get(id);
        assertArrayEquals(new byte[] {'0', '0', 'a', 'b', 0}, id);
    }

    @Test
    void aRefusalIsAHeaderOnlyResponseWithTheStatus() throws Exception {
        responses.refuse(9, SMPPConstant.STAT_ESME_RTHROTTLED);
        ByteBuffer pdu = ByteBuffer.wrap(wire.toByteArray());
        assertEquals(16, pdu.getInt());
        assertEquals(SMPPConstant.CID_SUBMIT_SM_RESP, pdu.getInt());
        assertEquals(SMPPConstant.STAT_ESME_RTHROTTLED, pdu.getInt());
        assertEquals(9, pdu.getInt());
        assertEquals(16, wire.size());
    }

    @Test
    void aReusedSequenceNumberIsDeferredOncePerSubmitAndOthersPassThrough() throws Exception {
        responses.defer(3);
        responses.defer(3);
        responses.sendSubmitSmResp(wire, 3, "deferred");
        responses.sendSubmitSmResp(wire, 3, "deferred");
        assertEquals(0, wire.size());

        responses.sendSubmitSmResp(wire, 3, "x");
        responses.sendSubmitSmResp(wire, 4, "y");
        assertEquals(2 * (16 + 2), wire.size());
    }
}
