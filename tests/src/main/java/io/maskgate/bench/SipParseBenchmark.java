package io.maskgate.bench;

import io.maskgate.sip.codec.ParserWarmUp;
import io.maskgate.sip.codec.SipDecodeResult;
import io.maskgate.sip.codec.SipParser;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The inbound parse of one relayed call: the seven messages a call through the relay delivers to
 * it (INVITE with SDP from the carrier, the callee's 100, 180 and 200 with SDP, the carrier's ACK
 * and BYE, the callee's 200 to the relayed BYE), shaped like the benchmark's sipp traffic: the
 * messages of {@link ParserWarmUp}. {@code parseOne} scores one message, {@code parseCall} all
 * seven: the share of a call's CPU that jain-sip's parser takes, measured without the sockets,
 * loops or GC pauses of a running relay.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SipParseBenchmark {

    private static final InetSocketAddress CARRIER = new InetSocketAddress("127.0.0.1", 5061);

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
        java.util.List<byte[][]> call = ParserWarmUp.callMessages();
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
    public Object parseCall() {
        Object last = null;
        for (int i = 0; i < heads.length; i++) {
            last = parser.parse(heads[i], bodies[i], CARRIER);
        }
        return last;
    }
}
