package io.maskgate.bench;

import io.maskgate.sip.auth.DigestAlgorithm;
import io.maskgate.sip.auth.DigestAuthenticator;
import io.maskgate.sip.auth.SipDigestAuthOptions;
import io.maskgate.sip.auth.SipDigestUser;
import io.maskgate.sip.codec.SipDecodeResult;
import io.maskgate.sip.codec.SipHeader;
import io.maskgate.sip.codec.SipMessage;
import io.maskgate.sip.codec.SipParser;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * What {@code sip.auth} adds to a new INVITE besides the extra messages: {@code challenge} is an
 * INVITE without credentials (a nonce issued, the 407's header built); {@code verify} an INVITE
 * with a right answer (header parsed, nonce checked, HA2 and the response hashed, compared, and
 * looked up in the replay memory). The same answer is checked again and again, so after the first
 * it is a replay and also gets a fresh challenge: an upper bound of an accepted check. The clock
 * stands still so that the nonce never expires during the run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DigestAuthBenchmark {

    private static final String REALM = "maskgate";
    private static final String URI = "sip:+918000000001@127.0.0.1:5060;user=phone";
    private static final Pattern NONCE = Pattern.compile("nonce=\"([^\"]+)\"");

    @Param({"MD5", "SHA_256"})
    public String algorithm;

    private DigestAuthenticator authenticator;
    private SipMessage bare;
    private SipMessage answered;

    @Setup
    public void setUp() {
        DigestAlgorithm a = DigestAlgorithm.valueOf(algorithm);
        authenticator = new DigestAuthenticator(new SipDigestAuthOptions(REALM, a, Duration.ofSeconds(30),
                List.of(SipDigestUser.of("carrier", REALM, "s3cret"))),
                Clock.fixed(Instant.parse("2026-11-27T00:00:00Z"), ZoneOffset.UTC));
        bare = invite(null);
        var challenge = (DigestAuthenticator.Verdict.Challenge) authenticator.check(bare);
        SipHeader header = challenge.headers().get(0);
        Matcher m = NONCE.matcher(header.value());
        if (!m.find()) {
            throw new IllegalStateException(header.value());
        }
        String nonce = m.group(1);
        String ha1 = a.hex("carrier:" + REALM + ":s3cret");
        String response = a.hex(ha1 + ":" + nonce + ":00000001:c0ffee:auth:" + a.hex("INVITE:" + URI));
        answered = invite("Digest username=\"carrier\", realm=\"" + REALM + "\", nonce=\"" + nonce + "\", uri=\""
                + URI + "\", response=\"" + response + "\", algorithm=" + a.token()
                + ", cnonce=\"c0ffee\", qop=auth, nc=00000001");
        if (!(authenticator.check(answered) instanceof DigestAuthenticator.Verdict.Accepted)) {
            throw new IllegalStateException("the benchmark's answer is not accepted");
        }
    }

    @Benchmark
    public Object challenge() {
        return authenticator.check(bare);
    }

    @Benchmark
    public Object verify() {
        return authenticator.check(answered);
    }

    private static SipMessage invite(String authorization) {
        String text = "INVITE " + URI + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5099;branch=z9hG4bK-bench-1\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:+919800000001@127.0.0.1>;tag=b1\r\n"
                + "To: <sip:+918000000001@127.0.0.1>\r\n"
                + "Call-ID: bench-1\r\n"
                + "CSeq: 2 INVITE\r\n"
                + "Contact: <sip:carrier@127.0.0.1:5099>\r\n"
                + (authorization == null ? "" : "Proxy-Authorization: " + authorization + "\r\n")
                + "Content-Length: 0\r\n\r\n";
        SipDecodeResult r = new SipParser().parse(text.getBytes(StandardCharsets.ISO_8859_1), new byte[0],
                new InetSocketAddress("127.0.0.1", 5099));
        return ((SipDecodeResult.Decoded) r).message();
    }
}
