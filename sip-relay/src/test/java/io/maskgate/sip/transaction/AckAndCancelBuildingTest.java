package io.maskgate.sip.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.maskgate.sip.codec.SipMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ACK of RFC 3261 section 17.1.1.3 and the CANCEL of section 9.1, as the codec builds them for the layer. */
class AckAndCancelBuildingTest {

    private static final SipMessage INVITE = SipText.parse("INVITE sip:callee@127.0.0.1:5080 SIP/2.0",
            "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKabc",
            "Via: SIP/2.0/UDP 127.0.0.9:5060;branch=z9hG4bKdownstream",
            "Route: <sip:proxy1.invalid;lr>", "Route: <sip:proxy2.invalid;lr>", "Max-Forwards: 70",
            "From: <sip:gw@127.0.0.1>;tag=gw1", "To: <sip:callee@127.0.0.1>", "Call-ID: build-1",
            "CSeq: 7 INVITE", "Contact: <sip:gw@127.0.0.1>", "Content-Length: 0");

    @Test
    void ackForANonSuccessFinalResponse() {
        SipMessage busy = INVITE.createResponse(486, "Busy Here", List.of());
        SipMessage ack = INVITE.createNonSuccessAck(busy);
        assertEquals("ACK", ack.method());
        assertEquals(INVITE.requestUri(), ack.requestUri());
        assertEquals(INVITE.callId(), ack.callId());
        assertEquals(INVITE.fromTag(), ack.fromTag());
        assertEquals(busy.toTag(), ack.toTag());
        assertEquals(7L, ack.cseqNumber().orElseThrow());
        assertEquals("ACK", ack.cseqMethod().orElseThrow());
        assertEquals(1, ack.vias().size(), "only the top Via");
        assertEquals("z9hG4bKabc", ack.vias().get(0).branch().orElseThrow());
        assertEquals(INVITE.headerValues("Route"), ack.headerValues("Route"));
        assertThrows(IllegalArgumentException.class,
                () -> INVITE.createNonSuccessAck(INVITE.createResponse(200, "OK", List.of())));
    }

    @Test
    void cancel() {
        SipMessage cancel = INVITE.createCancel();
        assertEquals("CANCEL", cancel.method());
        assertEquals(INVITE.requestUri(), cancel.requestUri());
        assertEquals(INVITE.callId(), cancel.callId());
        assertEquals(INVITE.fromTag(), cancel.fromTag());
        assertEquals(INVITE.toTag(), cancel.toTag());
        assertEquals(7L, cancel.cseqNumber().orElseThrow());
        assertEquals("CANCEL", cancel.cseqMethod().orElseThrow());
        assertEquals(1, cancel.vias().size());
        assertEquals("z9hG4bKabc", cancel.vias().get(0).branch().orElseThrow());
        assertEquals(INVITE.headerValues("Route"), cancel.headerValues("Route"));
        assertEquals(INVITE.maxForwards(), cancel.maxForwards());
        assertThrows(IllegalArgumentException.class, () -> cancel.createCancel());
    }
}
