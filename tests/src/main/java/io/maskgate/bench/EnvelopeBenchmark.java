package io.maskgate.bench;

import io.maskgate.keystore.EnvelopeCipher;
import io.maskgate.keystore.KeyRing;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Seal + open of one routing-entry-sized value (120 bytes) with the Redis key as associated
 * data: the cryptographic cost every resolve and create pays. Target: under 5 us per round trip.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EnvelopeBenchmark {
    private EnvelopeCipher cipher;
    private byte[] plaintext;
    private byte[] aad;
    private byte[] sealed;
    private final SecretKey[] sessionKeys = new SecretKey[1024];
    private int next;

    @Setup
    public void setUp() {
        cipher = KeyRing.forTesting(new SecureRandom()).envelopes();
        plaintext = new byte[120];
        new SecureRandom().nextBytes(plaintext);
        aad = "mg:{0a1b2c3d}:r:00112233445566778899aabbccddeeff".getBytes(StandardCharsets.UTF_8);
        sealed = cipher.seal(plaintext, aad);
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < sessionKeys.length; i++) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            sessionKeys[i] = new SecretKeySpec(key, "AES");
        }
    }

    @Benchmark
    public byte[] sealThenOpen() {
        return cipher.open(cipher.seal(plaintext, aad), aad);
    }

    /**
     * What the SMPP relay does per receipt entry: seal under the session's receipt key, then the
     * result under the data key, one thread, the session changing with every message.
     */
    @Benchmark
    public byte[] receiptEntry() {
        SecretKey sessionKey = sessionKeys[next++ & (sessionKeys.length - 1)];
        return cipher.seal(cipher.sealUnder(sessionKey, plaintext, aad), aad);
    }

    @Benchmark
    public byte[] seal() {
        return cipher.seal(plaintext, aad);
    }

    @Benchmark
    public byte[] open() {
        return cipher.open(sealed, aad);
    }
}
