package io.maskgate.bench;

import io.maskgate.sip.codec.SipDecodeResult;
import io.maskgate.sip.codec.SipParser;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The inbound parse of one relayed call: the seven messages a call through the relay delivers to
 * it (INVITE with SDP from the carrier, the callee's 100, 180 and 200 with SDP, the carrier's ACK
 * and BYE, the callee's 200 to the relayed BYE), shaped like the benchmark's sipp traffic. The
 * score is per message; {@code calls} multiplies by seven. This is the share of a call's CPU that
 * jain-sip's parser takes, measured without sockets, loops or GC pauses of a running relay.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SipParseBenchmark {

    private static final InetSocketAddress CARRIER = new InetSocketAddress("127.0.0.1", 5061);

    private static final String SDP = "v=0\r\no=- 53655765 2353687637 IN IP4 127.0.0.1\r\ns=-\r\n"
            + "c=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 6000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

    private static final String[] CALL = {
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
        "SIP/2.0 100 Trying\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5570;branch=z9hG4bKbc92872b157aa54e;rport=5570\r\n"
                + "From: <sip:+918000000162@127.0.0.1:5570>;tag=f2329a8439370e10\r\n"
                + "To: <sip:+919800000075@127.0.0.1:5580>\r\n"
                + "Call-ID: a2d07530096fe2c6f6c3da576b41daff\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Content-Length: 0\r\n\r\n",
        "SIP/2.0 180 Ringing\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5570;branch=z9hG4bKbc92872b157aa54e;rport=5570\r\n"
                + "From: <sip:+918000000162@127.0.0.1:5570>;tag=f2329a8439370e10\r\n"
                + "To: <sip:+919800000075@127.0.0.1:5580>;tag=10773U77\r\n"
                + "Call-ID: a2d07530096fe2c6f6c3da576b41daff\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:127.0.0.1:5580;transport=UDP>\r\n"
                + "Content-Length: 0\r\n\r\n",
        "SIP/2.0 200 OK\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5570;branch=z9hG4bKbc92872b157aa54e;rport=5570\r\n"
                + "From: <sip:+918000000162@127.0.0.1:5570>;tag=f2329a8439370e10\r\n"
                + "To: <sip:+919800000075@127.0.0.1:5580>;tag=10773U77\r\n"
                + "Call-ID: a2d07530096fe2c6f6c3da576b41daff\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:127.0.0.1:5580;transport=UDP>\r\n"
                + "Content-Type: application/sdp\r\n"
                + "Content-Length: " + SDP.length() + "\r\n\r\n" + SDP,
        "ACK sip:mg-0a1b2c3d4e5f@127.0.0.1:5570 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-10778-1-5;rport\r\n"
                + "From: <sip:+919700000075@127.0.0.1:5061;user=phone>;tag=10778B1\r\n"
                + "To: <sip:+918000000162@127.0.0.1:5570>;tag=9c1d2e3f\r\n"
                + "Call-ID: 1-10778@127.0.0.1\r\n"
                + "CSeq: 1 ACK\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n",
        "BYE sip:mg-0a1b2c3d4e5f@127.0.0.1:5570 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-10778-1-7;rport\r\n"
                + "From: <sip:+919700000075@127.0.0.1:5061;user=phone>;tag=10778B1\r\n"
                + "To: <sip:+918000000162@127.0.0.1:5570>;tag=9c1d2e3f\r\n"
                + "Call-ID: 1-10778@127.0.0.1\r\n"
                + "CSeq: 2 BYE\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n",
        "SIP/2.0 200 OK\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5570;branch=z9hG4bK77aa0c1d2e3f4a5b;rport=5570\r\n"
                + "From: <sip:+918000000162@127.0.0.1:5570>;tag=f2329a8439370e10\r\n"
                + "To: <sip:+919800000075@127.0.0.1:5580>;tag=10773U77\r\n"
                + "Call-ID: a2d07530096fe2c6f6c3da576b41daff\r\n"
                + "CSeq: 2 BYE\r\n"
                + "Content-Length: 0\r\n\r\n",
    };

    /** The call's messages, each as {header block, body}. */
    public static java.util.List<byte[][]> callMessages() {
        java.util.List<byte[][]> out = new java.util.ArrayList<>(CALL.length);
        for (String message : CALL) {
            byte[] wire = message.getBytes(StandardCharsets.US_ASCII);
            int split = message.indexOf("\r\n\r\n") + 4;
            out.add(new byte[][] {java.util.Arrays.copyOf(wire, split), java.util.Arrays.copyOfRange(wire, split, wire.length)});
        }
        return out;
    }

    /** Which of the call's messages to parse: all seven in turn, or only the INVITE. */
    @Param({"call", "invite"})
    public String messages;

    /**
     * jain-sip's {@code ParserCore.nesting_level} when the parse starts: a static counter every
     * From/To/Contact parse moves up and back down without synchronisation, so parsers on two
     * threads leave it anywhere; a positive value costs that many appends per address header.
     */
    @Param({"0"})
    public int nestingLevel;

    private final SipParser parser = new SipParser();
    private byte[][] heads;
    private byte[][] bodies;
    private int next;

    @Setup
    public void setUp() {
        java.util.List<byte[][]> call = callMessages();
        int n = messages.equals("invite") ? 1 : call.size();
        heads = new byte[n][];
        bodies = new byte[n][];
        for (int i = 0; i < n; i++) {
            heads[i] = call.get(i)[0];
            bodies[i] = call.get(i)[1];
        }
        setNestingLevel(nestingLevel);
        for (int i = 0; i < n; i++) {
            if (!(parser.parse(heads[i], bodies[i], CARRIER) instanceof SipDecodeResult.Decoded)) {
                throw new IllegalStateException("message " + i + " does not parse");
            }
        }
    }

    private static void setNestingLevel(int level) {
        try {
            java.lang.reflect.Field f = Class.forName("gov.nist.core.ParserCore").getDeclaredField("nesting_level");
            f.setAccessible(true);
            f.setInt(null, level);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One message parsed, the call's messages in turn. */
    @Benchmark
    public SipDecodeResult parseOne() {
        int i = next;
        next = i + 1 == heads.length ? 0 : i + 1;
        return parser.parse(heads[i], bodies[i], CARRIER);
    }

    /** All seven messages of a call: the parse cost per relayed call. */
    @Benchmark
    @OperationsPerInvocation(1)
    public Object parseCall() {
        Object last = null;
        for (int i = 0; i < heads.length; i++) {
            last = parser.parse(heads[i], bodies[i], CARRIER);
        }
        return last;
    }
}
