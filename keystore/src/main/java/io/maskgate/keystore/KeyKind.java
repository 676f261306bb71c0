package io.maskgate.keystore;

/**
 * The kinds of secret key in a MaskGate key file; the kind is the alias prefix ({@code data-3},
 * {@code index-1}, {@code audit-1}).
 */
public enum KeyKind {
    /** AES-256 key for {@link EnvelopeCipher}; rotates. */
    DATA("data", "AES"),
    /** 256-bit HMAC-SHA256 key for {@link BlindIndex}; does not rotate (see {@link KeyRing}). */
    INDEX("index", "HmacSHA256"),
    /**
     * 256-bit HMAC-SHA256 key for {@link AuditMac}, which chains the decision log. May be added
     * later ({@link KeyFiles#addAuditKey}); the newest one signs, every loaded one verifies.
     */
    AUDIT("audit", "HmacSHA256");

    /** Every key is 256 bits. */
    static final int KEY_BYTES = 32;

    private final String prefix;
    private final String algorithm;

    KeyKind(String prefix, String algorithm) {
        this.prefix = prefix;
        this.algorithm = algorithm;
    }

    /** The alias prefix in the key file, e.g. {@code data}. */
    public String prefix() {
        return prefix;
    }

    /** The JCA algorithm name the key is used with. */
    String algorithm() {
        return algorithm;
    }
}
