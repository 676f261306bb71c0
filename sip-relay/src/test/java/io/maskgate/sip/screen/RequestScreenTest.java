package io.maskgate.sip.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.maskgate.sip.codec.SipDecodeResult;
import io.maskgate.sip.codec.SipMessage;
import io.maskgate.sip.codec.SipParser;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Screening rules beyond what the RFC 4475 corpus exercises. */
class RequestScreenTest {

    private static SipMessage request(String method, String extraHeaders) {
        String text = method + " sip:gw@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-s\r\n"
                + "From: <sip:a@127.0.0.1>;tag=f\r\n"
                + "To: <sip:gw@127.0.0.1>\r\n"
                + "Call-ID: screen-1\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + extraHeaders
                + "Content-Length: 0\r\n\r\n";
        return assertInstanceOf(SipDecodeResult.Decoded.class, new SipParser().parse(
                text.getBytes(StandardCharsets.US_ASCII), new byte[0], new InetSocketAddress("127.0.0.1", 5070)))
                .message();
    }

    @Test
    void inviteWithMaxForwardsZeroGets483() {
        ScreenVerdict v = RequestScreen.create().screen(request("INVITE", "Max-Forwards: 0\r\n"));
        assertEquals(483, assertInstanceOf(ScreenVerdict.Reject.class, v).statusCode());
    }

    @Test
    void outOfDialogOptionsWithMaxForwardsZeroIsAnsweredNotRefused() {
        assertSame(ScreenVerdict.Accept.INSTANCE, RequestScreen.create().screen(request("OPTIONS",
                "Max-Forwards: 0\r\n")));
    }

    @Test
    void anAckIsNeverAnsweredEvenWhenItBreaksARule() {
        ScreenVerdict v = RequestScreen.create().screen(request("ACK", "Max-Forwards: 0\r\n"));
        assertInstanceOf(ScreenVerdict.Drop.class, v);
    }

    @Test
    void supportedExtensionsAreAccepted() {
        RequestScreen screen = new RequestScreen(Set.of("100rel", "timer"), RequestScreen.DEFAULT_URI_SCHEMES,
                RequestScreen.DEFAULT_INVITE_CONTENT_TYPES);
        assertSame(ScreenVerdict.Accept.INSTANCE, screen.screen(request("INVITE", "Require: 100rel, TIMER\r\n")));
        ScreenVerdict.Reject r = assertInstanceOf(ScreenVerdict.Reject.class,
                screen.screen(request("INVITE", "Require: 100rel, replaces\r\n")));
        assertEquals(420, r.statusCode());
        assertEquals("replaces", r.extraHeaders().get(0).value());
    }

    @Test
    void acceptWithAWildcardThatCoversSdpIsFine() {
        assertSame(ScreenVerdict.Accept.INSTANCE, RequestScreen.create().screen(request("INVITE",
                "Accept: text/plain, application/*\r\n")));
        assertEquals(406, assertInstanceOf(ScreenVerdict.Reject.class, RequestScreen.create().screen(
                request("INVITE", "Accept: text/plain\r\n"))).statusCode());
    }

    @Test
    void cancelIsNotCheckedForRequire() {
        assertSame(ScreenVerdict.Accept.INSTANCE, RequestScreen.create().screen(request("CANCEL",
                "Require: nothingSupportsThis\r\n")));
    }

    @Test
    void broadcastAndMulticastLiteralsAreRecognisedWithoutResolvingNames() {
        assertEquals(true, ResponseScreen.isBroadcastOrMulticast("255.255.255.255"));
        assertEquals(true, ResponseScreen.isBroadcastOrMulticast("239.1.2.3"));
        assertEquals(true, ResponseScreen.isBroadcastOrMulticast("[ff02::1]"));
        assertEquals(false, ResponseScreen.isBroadcastOrMulticast("192.0.2.198"));
        assertEquals(false, ResponseScreen.isBroadcastOrMulticast("255.255.255.255.example.com"));
        assertEquals(true, ResponseScreen.isBroadcastOrMulticast("224.0.0.1"));
        assertEquals(false, ResponseScreen.isBroadcastOrMulticast("223.255.255.255"));
        assertEquals(false, ResponseScreen.isBroadcastOrMulticast("240.0.0.1"));
        assertEquals(false, ResponseScreen.isBroadcastOrMulticast("255.255.255.254"));
        assertEquals(false, ResponseScreen.isBroadcastOrMulticast("239.1.2"));
        assertEquals(false, ResponseScreen.isBroadcastOrMulticast("carrier.example"));
    }
}
