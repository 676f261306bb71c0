package io.maskgate.keystore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class BlindIndexTest {

    private static final String PAIR = "+918000000001|+919800000002";

    private final BlindIndex index = KeyRing.forTesting(new SecureRandom()).blindIndex();

    @Test
    void macIsDeterministicAnd32Bytes() {
        byte[] input = PAIR.getBytes(StandardCharsets.UTF_8);

        assertEquals(32, index.mac(input).length);
        assertArrayEquals(index.mac(input), index.mac(input));
        assertFalse(java.util.Arrays.equals(index.mac(input), index.mac("other".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void differsByKey() {
        BlindIndex other = KeyRing.forTesting(new SecureRandom()).blindIndex();

        assertNotEquals(index.token(PAIR, 16), other.token(PAIR, 16));
    }

    @Test
    void matchesRfc4231TestCase2() {
        // RFC 4231 section 4.3: key "Jefe", data "what do ya want for nothing?".
        BlindIndex known = new BlindIndex(1, new SecretKeySpec("Jefe".getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));

        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                known.token("what do ya want for nothing?", 32));
        assertEquals("5bdcc146bf60754e", known.token("what do ya want for nothing?", 8));
    }

    @Test
    void tokenIsLowercaseHexPrefixOfMac() {
        String token = index.token(PAIR, 12);

        assertEquals(24, token.length());
        assertTrue(token.matches("[0-9a-f]{24}"), token);
        assertEquals(HexFormat.of().formatHex(index.mac(PAIR.getBytes(StandardCharsets.UTF_8))).substring(0, 24), token);
        assertFalse(token.contains("9800000002"));
    }

    @Test
    void tokenLengthMustBeBetween8And32() {
        assertThrows(IllegalArgumentException.class, () -> index.token(PAIR, 7));
        assertThrows(IllegalArgumentException.class, () -> index.token(PAIR, 33));
        assertEquals(16, index.token(PAIR, 8).length());
        assertEquals(64, index.token(PAIR, 32).length());
    }

    @Test
    void seededTestingRingsAgree() throws Exception {
        BlindIndex a = KeyRing.forTesting(seeded()).blindIndex();
        BlindIndex b = KeyRing.forTesting(seeded()).blindIndex();

        assertEquals(a.token(PAIR, 16), b.token(PAIR, 16));
    }

    @Test
    void toStringShowsKeyIdOnly() {
        assertEquals("BlindIndex[keyId=1]", index.toString());
    }

    private static SecureRandom seeded() throws Exception {
        SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(42L);
        return random;
    }
}
