package io.maskgate.sip.auth;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Nonces that need no table: each is the time it was issued and a MAC of that time under a key of
 * this process, so any loop can check one it did not issue, and a forged or altered one fails the
 * MAC. A node restart (a new key) makes the outstanding ones invalid, which costs a caller one more
 * challenge. (RFC 7616 section 3.3 suggests a time stamp in the nonce for exactly this.)
 */
final class Nonces {

    /** What {@link #validUntil} returns for a nonce this process did not issue. */
    static final long INVALID = -1;

    private static final int TIME_BYTES = Long.BYTES;
    private static final int MAC_BYTES = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Clock clock;
    private final long ttlMillis;

    Nonces(Duration ttl, Clock clock) {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        this.key = new SecretKeySpec(k, "HmacSHA256");
        this.clock = clock;
        this.ttlMillis = ttl.toMillis();
    }

    String issue() {
        byte[] time = ByteBuffer.allocate(TIME_BYTES).putLong(clock.millis()).array();
        byte[] nonce = Arrays.copyOf(time, TIME_BYTES + MAC_BYTES);
        System.arraycopy(mac(time), 0, nonce, TIME_BYTES, MAC_BYTES);
        return ENCODER.encodeToString(nonce);
    }

    /**
     * Until when (epoch millis) {@code nonce} is honoured: its issue time plus the TTL, which may
     * already be past (a stale nonce); {@link #INVALID} when it is not one of ours (malformed, or
     * its MAC does not match).
     */
    long validUntil(String nonce) {
        byte[] raw;
        try {
            raw = DECODER.decode(nonce);
        } catch (IllegalArgumentException e) {
            return INVALID;
        }
        if (raw.length != TIME_BYTES + MAC_BYTES) {
            return INVALID;
        }
        byte[] time = Arrays.copyOf(raw, TIME_BYTES);
        byte[] expected = Arrays.copyOf(mac(time), MAC_BYTES);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(raw, TIME_BYTES, raw.length))) {
            return INVALID;
        }
        return ByteBuffer.wrap(time).getLong() + ttlMillis;
    }

    private byte[] mac(byte[] time) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(time);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
        }
    }
}
