package io.maskgate.bench;

import io.maskgate.sip.carrier.Carrier;
import io.maskgate.sip.carrier.CarrierOptions;
import io.maskgate.sip.carrier.Carriers;
import io.maskgate.sip.carrier.Cidr;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
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
 * What {@code sip.carriers} adds to each new INVITE: finding the carrier of the source address
 * (a scan in conf order; the INVITE here comes from the last carrier listed, the worst case) and
 * taking and giving back a place within its channel limit (high enough never to refuse), with
 * its counter. With {@code cps} set, the token bucket is asked too; the loop outruns any rate, so
 * after the first second's burst most calls are refused: the same work (a place taken, a token
 * asked for, the place given back), counted as limited.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CarrierAdmissionBenchmark {

    /** Carriers named in conf, each with two blocks (an IPv4 one and an IPv6 one). */
    @Param({"1", "20"})
    public int carriers;

    /** The carriers' maxCallsPerSecond: 0 for none. */
    @Param({"0", "1000000"})
    public int cps;

    private Carriers table;
    private InetAddress source;

    @Setup
    public void setUp() throws UnknownHostException {
        List<CarrierOptions> named = new ArrayList<>();
        for (int i = 0; i < carriers; i++) {
            named.add(new CarrierOptions("carrier-" + i,
                    List.of(Cidr.parse("10." + i + ".0.0/16"), Cidr.parse("2001:db8:" + i + "::/48")),
                    1_000_000, cps));
        }
        table = new Carriers(named, new SimpleMeterRegistry());
        source = InetAddress.getByName("10." + (carriers - 1) + ".3.4");
    }

    @Benchmark
    public boolean admitAndRelease() {
        Carrier carrier = table.of(source).orElseThrow();
        boolean admitted = carrier.tryAdmit();
        carrier.release();
        return admitted;
    }
}
