package io.maskgate.keystore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

class EnvelopeCipherTest {

    private static final byte[] AAD = "mg:{7}:r:0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = ("{\"sessionId\":\"s-1\",\"target\":\"+919800000001\",\"purpose\":\"delivery\","
            + "\"expiresAt\":1767225600000,\"pad\":\"0123456789012345678\"}").getBytes(StandardCharsets.UTF_8);

    private final EnvelopeCipher cipher = KeyRing.forTesting(new SecureRandom()).envelopes();

    @Test
    void roundTrip() {
        byte[] envelope = cipher.seal(VALUE, AAD);

        assertEquals(VALUE.length + EnvelopeCipher.MIN_LENGTH, envelope.length);
        assertEquals(EnvelopeCipher.VERSION, envelope[0]);
        assertEquals(1, cipher.keyIdOf(envelope));
        assertTrue(cipher.isCurrent(envelope));
        assertArrayEquals(VALUE, cipher.open(envelope, AAD));
    }

    @Test
    void emptyPlaintextRoundTrips() {
        byte[] envelope = cipher.seal(new byte[0], AAD);

        assertEquals(EnvelopeCipher.MIN_LENGTH, envelope.length);
        assertArrayEquals(new byte[0], cipher.open(envelope, AAD));
    }

    @Test
    void sameValueSealsToDifferentEnvelopes() {
        assertFalse(Arrays.equals(cipher.seal(VALUE, AAD), cipher.seal(VALUE, AAD)), "nonce must be fresh");
    }

    @Test
    void plaintextDoesNotAppearInEnvelope() {
        String envelope = new String(cipher.seal(VALUE, AAD), StandardCharsets.ISO_8859_1);

        assertFalse(envelope.contains("+919800000001"));
    }

    @Test
    void associatedDataMismatchFails() {
        byte[] envelope = cipher.seal(VALUE, AAD);
        byte[] otherKey = "mg:{7}:r:fedcba9876543210".getBytes(StandardCharsets.UTF_8);

        EnvelopeException e = assertThrows(EnvelopeException.class, () -> cipher.open(envelope, otherKey));
        assertTrue(e.getMessage().contains("failed authentication"), e.getMessage());
        assertThrows(EnvelopeException.class, () -> cipher.open(envelope, new byte[0]));
    }

    @Test
    void tamperingWithAnyByteFails() {
        byte[] envelope = cipher.seal(VALUE, AAD);
        for (int i = 0; i < envelope.length; i++) {
            byte[] tampered = envelope.clone();
            tampered[i] ^= 0x01;
            int index = i;
            assertThrows(EnvelopeException.class, () -> cipher.open(tampered, AAD), () -> "byte " + index);
        }
    }

    @Test
    void unknownKeyIdFails() {
        byte[] envelope = cipher.seal(VALUE, AAD);
        envelope[4] = 9;

        assertEquals(9, cipher.keyIdOf(envelope));
        assertFalse(cipher.isCurrent(envelope));
        EnvelopeException e = assertThrows(EnvelopeException.class, () -> cipher.open(envelope, AAD));
        assertTrue(e.getMessage().contains("data key id 9"), e.getMessage());
    }

    @Test
    void unsupportedVersionFails() {
        byte[] envelope = cipher.seal(VALUE, AAD);
        envelope[0] = 2;

        EnvelopeException e = assertThrows(EnvelopeException.class, () -> cipher.open(envelope, AAD));
        assertTrue(e.getMessage().contains("version 2"), e.getMessage());
        assertThrows(EnvelopeException.class, () -> cipher.keyIdOf(envelope));
    }

    @Test
    void truncatedEnvelopeFailsAtEveryLength() {
        byte[] envelope = cipher.seal(VALUE, AAD);
        for (int length = 0; length < envelope.length; length++) {
            byte[] cut = Arrays.copyOf(envelope, length);
            assertThrows(EnvelopeException.class, () -> cipher.open(cut, AAD), () -> "length " + cut.length);
        }
        EnvelopeException e = assertThrows(EnvelopeException.class,
                () -> cipher.open(Arrays.copyOf(envelope, 20), AAD));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void keyIdOfRejectsNonEnvelopes() {
        assertThrows(EnvelopeException.class, () -> cipher.keyIdOf(new byte[0]));
        assertThrows(EnvelopeException.class, () -> cipher.keyIdOf(new byte[] {1, 0, 0}));
        assertThrows(EnvelopeException.class, () -> cipher.keyIdOf("hello world, not sealed".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void opensUnderOlderKeySealsUnderNewest() {
        SecureRandom random = new SecureRandom();
        SecretKey key1 = BcfksFile.generate(KeyKind.DATA, random);
        SecretKey key2 = BcfksFile.generate(KeyKind.DATA, random);
        EnvelopeCipher before = new EnvelopeCipher(Map.of(1, key1), random);
        EnvelopeCipher after = new EnvelopeCipher(Map.of(1, key1, 2, key2), random);
        byte[] old = before.seal(VALUE, AAD);

        byte[] fresh = after.seal(VALUE, AAD);

        assertArrayEquals(VALUE, after.open(old, AAD));
        assertFalse(after.isCurrent(old));
        assertEquals(2, after.keyIdOf(fresh));
        assertTrue(after.isCurrent(fresh));
        assertThrows(EnvelopeException.class, () -> before.open(fresh, AAD));
    }

    @Test
    void otherRingCannotOpen() {
        EnvelopeCipher other = KeyRing.forTesting(new SecureRandom()).envelopes();
        byte[] envelope = cipher.seal(VALUE, AAD);

        assertThrows(EnvelopeException.class, () -> other.open(envelope, AAD));
    }

    @Test
    void isSafeAcrossThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<?>[] futures = new Future<?>[4];
            for (int t = 0; t < futures.length; t++) {
                byte[] aad = ("mg:{7}:r:thread-" + t).getBytes(StandardCharsets.UTF_8);
                futures[t] = pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        byte[] value = (i + "-" + Thread.currentThread().getName()).getBytes(StandardCharsets.UTF_8);
                        assertArrayEquals(value, cipher.open(cipher.seal(value, aad), aad));
                    }
                    return null;
                });
            }
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sealsUnderACallerKeyThatOnlyThatKeyOpens() {
        SecretKey sessionKey = new javax.crypto.spec.SecretKeySpec(new byte[32], "AES");
        SecretKey other = new javax.crypto.spec.SecretKeySpec(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
            15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}, "AES");

        byte[] envelope = cipher.sealUnder(sessionKey, VALUE, AAD);

        assertEquals(EnvelopeCipher.CALLER_KEY_ID, cipher.keyIdOf(envelope));
        assertArrayEquals(VALUE, cipher.openUnder(sessionKey, envelope, AAD));
        assertThrows(EnvelopeException.class, () -> cipher.openUnder(other, envelope, AAD));
        assertThrows(EnvelopeException.class, () -> cipher.openUnder(sessionKey, envelope, "mg:{7}:r:x".getBytes(
                StandardCharsets.UTF_8)));
        // Neither side mistakes one kind for the other: no data key has id 0, and a data-key
        // envelope does not open under a caller key even if the bytes were the same key.
        assertThrows(EnvelopeException.class, () -> cipher.open(envelope, AAD));
        assertThrows(EnvelopeException.class, () -> cipher.openUnder(sessionKey, cipher.seal(VALUE, AAD), AAD));
    }

    @Test
    void nestedSealsUnderCallerKeysAndTheDataKeyInterleaveOnOneThread() {
        // As the SMPP relay seals a receipt entry: under the session's key, then under the data
        // key, with the session changing from one value to the next. Each kind of key has its
        // own cipher per thread; whatever ran before on the thread must not leak into the next.
        SecureRandom random = new SecureRandom();
        SecretKey[] sessionKeys = new SecretKey[3];
        byte[][] entries = new byte[6][];
        for (int i = 0; i < sessionKeys.length; i++) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            sessionKeys[i] = new javax.crypto.spec.SecretKeySpec(key, "AES");
        }
        for (int i = 0; i < entries.length; i++) {
            entries[i] = cipher.seal(cipher.sealUnder(sessionKeys[i % 3], VALUE, AAD), AAD);
        }

        for (int i = entries.length - 1; i >= 0; i--) {
            byte[] inner = cipher.open(entries[i], AAD);
            assertArrayEquals(VALUE, cipher.openUnder(sessionKeys[i % 3], inner, AAD));
            SecretKey otherSession = sessionKeys[(i + 1) % 3];
            assertThrows(EnvelopeException.class, () -> cipher.openUnder(otherSession, inner, AAD), "entry " + i);
        }
    }

    @Test
    void toStringShowsIdsOnly() {
        assertEquals("EnvelopeCipher[keyIds=[1], current=1]", cipher.toString());
        assertNotEquals(-1, cipher.currentKeyId());
    }
}
