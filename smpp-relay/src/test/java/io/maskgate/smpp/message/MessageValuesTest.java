package io.maskgate.smpp.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.smpp.upstream.UpstreamSmsc;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jsmpp.bean.OptionalParameter;
import org.junit.jupiter.api.Test;

/** Values that hold numbers, content or secrets never show them in toString(); TLVs round-trip exactly. */
class MessageValuesTest {
    private static final String NUMBER = "919812345001";

    @Test
    void submitRequestToStringMasksAddressesAndHidesContent() {
        SubmitRequest request = new SubmitRequest("", SmppAddress.international(NUMBER),
                SmppAddress.international("919800000100"), (byte) 0, (byte) 0, (byte) 0, "", "", (byte) 1, (byte) 0,
                (byte) 0, (byte) 0, "OTP 4321".getBytes(StandardCharsets.US_ASCII),
                List.of(new Tlv(Tlv.MESSAGE_PAYLOAD, "secret body".getBytes(StandardCharsets.US_ASCII))));
        String shown = request.toString();
        assertFalse(shown.contains(NUMBER));
        assertFalse(shown.contains(NUMBER.substring(2)));
        assertFalse(shown.contains("919800000100"));
        assertFalse(shown.contains("4321"));
        assertFalse(shown.contains("secret"));
        assertTrue(shown.contains("8 octets"));
    }

    @Test
    void withAddressesChangesOnlyTheAddresses() {
        SubmitRequest request = new SubmitRequest("CMT", SmppAddress.international(NUMBER),
                SmppAddress.international("919800000100"), (byte) 0x40, (byte) 0, (byte) 1, "", "", (byte) 1, (byte) 0,
                (byte) 8, (byte) 0, new byte[] {5, 0, 3, 1, 2, 1, 0, 0x41}, List.of());
        SubmitRequest moved = request.withAddresses(SmppAddress.international("919800000100"),
                SmppAddress.international("919812345002"));
        assertEquals("919812345002", moved.destination().address());
        assertArrayEquals(request.shortMessage(), moved.shortMessage());
        assertEquals(request.esmClass(), moved.esmClass());
        assertEquals(request.dataCoding(), moved.dataCoding());
        assertEquals(request.withAddresses(request.source(), request.destination()), request);
    }

    @Test
    void dialStringRestoresThePlusOnlyForInternationalNumbers() {
        assertEquals("+" + NUMBER, SmppAddress.international(NUMBER).asDialString());
        assertEquals("9812345001", new SmppAddress((byte) 0, (byte) 1, "9812345001").asDialString());
    }

    @Test
    void tlvsRoundTripThroughJsmppByteForByte() {
        OptionalParameter[] in = {
            new OptionalParameter.Short((short) 0x020C, (short) 0x0102),
            new OptionalParameter.OctetString((short) 0x1401, new byte[] {0, 1, 2}),
        };
        OptionalParameter[] out = JsmppMessages.optionalParameters(JsmppMessages.tlvs(in));
        for (int i = 0; i < in.length; i++) {
            assertArrayEquals(in[i].serialize(), out[i].serialize());
        }
        assertEquals("Tlv[tag=0x0424, length=2]", new Tlv(Tlv.MESSAGE_PAYLOAD, new byte[] {1, 2}).toString());
    }

    @Test
    void upstreamSmscToStringHidesThePassword() {
        UpstreamSmsc smsc = new UpstreamSmsc("up", "127.0.0.1", 2775, "gw", () -> "s3cr3t", "");
        assertFalse(smsc.toString().contains("s3cr3t"));
    }
}
