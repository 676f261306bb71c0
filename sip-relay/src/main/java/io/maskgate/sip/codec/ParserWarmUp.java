package io.maskgate.sip.codec;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the messages of a typical relayed call over and over before the SIP ports open, so that
 * the JIT has compiled the parser by the time the first carrier traffic arrives.
 *
 * <p>A fresh JVM meets its first calls with the parser interpreted: at only 300 calls per second
 * the first ~20 s had a setup p99 of 244-860 ms, and in some runs the callee side retransmitted
 * its 200 OK. Parsing 5,000 calls' messages first (1-2 s on a 2-core machine) brought the median
 * of that p99 from 304 to 188 ms in alternating runs; 20,000 did better still (BENCHMARKS.md,
 * "Stop 17"). The messages are synthetic: numbers from no real plan, addresses on 127.0.0.1;
 * nothing here is logged or sent.
 */
public final class ParserWarmUp {

    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 5060);

    private static final String SDP = "v=0\r\no=- 53655765 2353687637 IN IP4 127.0.0.1\r\ns=-\r\n"
            + "c=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 6000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

    /** What one relayed call delivers to the relay: INVITE, 100, 180, 200, ACK, BYE and the BYE's 200. */
    private static final List<String> CALL = List.of(
            "INVITE sip:+918000000162@127.0.0.1:5570;user=phone SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-10778-1-0;rport\r\n"
                    + "From: <sip:+919700000075@127.0.0.1:5061;user=phone>;tag=10778B1\r\n"
                    + "To: <sip:+918000000162@127.0.0.1:5570>\r\n"
                    + "Call-ID: 1-10778@127.0.0.1\r\n"
                    + "CSeq: 1 INVITE\r\n"
                    + "Contact: <sip:+919700000075@127.0.0.1:5061>\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "Content-Type: application/sdp\r\n"
                    + "Content-Length: " + SDP.length() + "\r\n\r\n" + SDP,
            calleeResponse("100 Trying", "1 INVITE", "", false, false),
            calleeResponse("180 Ringing", "1 INVITE", ";tag=10773U77", true, false),
            calleeResponse("200 OK", "1 INVITE", ";tag=10773U77", true, true),
            callerInDialog("ACK", "1 ACK", "z9hG4bK-10778-1-5"),
            callerInDialog("BYE", "2 BYE", "z9hG4bK-10778-1-7"),
            calleeResponse("200 OK", "2 BYE", ";tag=10773U77", false, false));

    private ParserWarmUp() {
    }

    /** The messages of the call, each as {header block, body}. */
    public static List<byte[][]> callMessages() {
        List<byte[][]> out = new ArrayList<>(CALL.size());
        for (String message : CALL) {
            byte[] wire = message.getBytes(StandardCharsets.US_ASCII);
            int split = message.indexOf("\r\n\r\n") + 4;
            out.add(new byte[][] {java.util.Arrays.copyOf(wire, split),
                java.util.Arrays.copyOfRange(wire, split, wire.length)});
        }
        return out;
    }

    /**
     * Parses the call's messages {@code calls} times with {@code parser}; returns how many of
     * them did not parse (0: a non-zero count means this class no longer matches the parser).
     */
    public static int run(SipParser parser, int calls) {
        List<byte[][]> messages = callMessages();
        int failed = 0;
        for (int i = 0; i < calls; i++) {
            for (byte[][] m : messages) {
                if (!(parser.parse(m[0], m[1], PEER) instanceof SipDecodeResult.Decoded)) {
                    failed++;
                }
            }
        }
        return failed;
    }

    private static String calleeResponse(String status, String cseq, String toTag, boolean contact, boolean sdp) {
        return "SIP/2.0 " + status + "\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5570;branch=z9hG4bKbc92872b157aa54e;rport=5570\r\n"
                + "From: <sip:+918000000162@127.0.0.1:5570>;tag=f2329a8439370e10\r\n"
                + "To: <sip:+919800000075@127.0.0.1:5580>" + toTag + "\r\n"
                + "Call-ID: a2d07530096fe2c6f6c3da576b41daff\r\n"
                + "CSeq: " + cseq + "\r\n"
                + (contact ? "Contact: <sip:127.0.0.1:5580;transport=UDP>\r\n" : "")
                + (sdp ? "Content-Type: application/sdp\r\nContent-Length: " + SDP.length() + "\r\n\r\n" + SDP
                        : "Content-Length: 0\r\n\r\n");
    }

    private static String callerInDialog(String method, String cseq, String branch) {
        return method + " sip:mg-0a1b2c3d4e5f@127.0.0.1:5570 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5061;branch=" + branch + ";rport\r\n"
                + "From: <sip:+919700000075@127.0.0.1:5061;user=phone>;tag=10778B1\r\n"
                + "To: <sip:+918000000162@127.0.0.1:5570>;tag=9c1d2e3f\r\n"
                + "Call-ID: 1-10778@127.0.0.1\r\n"
                + "CSeq: " + cseq + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n";
    }
}
