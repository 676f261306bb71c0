package io.maskgate.keystore;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.SecretKey;

/**
 * Deterministic, keyed pseudonyms for lookups: HMAC-SHA256 under the index key. The gateway builds
 * Redis keys from {@link #token} so that a key never contains a real number, yet the same
 * (proxy, caller) pair always finds the same key. Without the index key the tokens cannot be
 * reversed by enumerating the (small) space of phone numbers, unlike a plain hash.
 *
 * <p>Thread-safe: each thread keeps its own initialised {@link Mac}; {@code doFinal} resets it.
 */
public final class BlindIndex {

    /** Shortest token length accepted by {@link #token}: 64 bits keeps collisions negligible per pool. */
    public static final int MIN_TOKEN_BYTES = 8;
    /** Longest token length: the whole HMAC-SHA256 output. */
    public static final int MAX_TOKEN_BYTES = 32;

    private static final HexFormat HEX = HexFormat.of();

    private final int keyId;
    private final HmacSha256 hmac;

    BlindIndex(int keyId, SecretKey key) {
        this.keyId = keyId;
        Objects.requireNonNull(key, "key");
        this.hmac = new HmacSha256(key, "index");
    }

    /** HMAC-SHA256 of {@code input} under the index key; 32 bytes. */
    public byte[] mac(byte[] input) {
        Objects.requireNonNull(input, "input");
        return hmac.mac().doFinal(input);
    }

    /**
     * Lowercase hex of the first {@code bytes} bytes of {@code mac(input as UTF-8)}.
     *
     * @param bytes how many bytes of the MAC to keep, in [{@value #MIN_TOKEN_BYTES}, {@value #MAX_TOKEN_BYTES}]
     * @return {@code 2 * bytes} hex characters
     */
    public String token(String input, int bytes) {
        Objects.requireNonNull(input, "input");
        if (bytes < MIN_TOKEN_BYTES || bytes > MAX_TOKEN_BYTES) {
            throw new IllegalArgumentException("token length must be in [" + MIN_TOKEN_BYTES + ", "
                    + MAX_TOKEN_BYTES + "] bytes, was " + bytes);
        }
        byte[] mac = mac(input.getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(mac, 0, bytes);
    }

    /** The id of the index key in use (alias {@code index-<id>}). */
    public int keyId() {
        return keyId;
    }

    @Override
    public String toString() {
        return "BlindIndex[keyId=" + keyId + "]";
    }
}
