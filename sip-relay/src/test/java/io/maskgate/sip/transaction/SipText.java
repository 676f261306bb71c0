package io.maskgate.sip.transaction;

import io.maskgate.sip.codec.SipDecodeResult;
import io.maskgate.sip.codec.SipMessage;
import io.maskgate.sip.codec.SipParser;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** Builds test messages from text (lines joined with CRLF, no body). */
final class SipText {

    static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 5070);

    private SipText() {
    }

    static SipMessage parse(String... lines) {
        String text = String.join("\r\n", lines) + "\r\n\r\n";
        SipDecodeResult r = new SipParser().parse(text.getBytes(StandardCharsets.ISO_8859_1), new byte[0], PEER);
        if (r instanceof SipDecodeResult.Decoded d) {
            return d.message();
        }
        throw new IllegalArgumentException("does not parse: " + r);
    }

    /** A request from the peer at 127.0.0.1:5070. */
    static SipMessage request(String method, String callId, String branch, long cseq) {
        return request(method, callId, branch, cseq, "");
    }

    static SipMessage request(String method, String callId, String branch, long cseq, String toTag) {
        return parse(method + " sip:callee@127.0.0.1 SIP/2.0",
                "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=" + branch + ";rport",
                "Max-Forwards: 70",
                "From: <sip:caller@127.0.0.1>;tag=from1",
                "To: <sip:callee@127.0.0.1>" + (toTag.isEmpty() ? "" : ";tag=" + toTag),
                "Call-ID: " + callId,
                "CSeq: " + cseq + " " + method,
                "Contact: <sip:caller@127.0.0.1:5070>",
                "Content-Length: 0");
    }

    /** A request the gateway sends, with a Via of ours. */
    static SipMessage outbound(String method, String callId, String branch) {
        return parse(method + " sip:callee@127.0.0.1:5080 SIP/2.0",
                "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=" + branch,
                "Max-Forwards: 70",
                "From: <sip:gw@127.0.0.1>;tag=gw1",
                "To: <sip:callee@127.0.0.1>",
                "Call-ID: " + callId,
                "CSeq: 1 " + method,
                "Contact: <sip:gw@127.0.0.1:5060>",
                "Content-Length: 0");
    }
}
