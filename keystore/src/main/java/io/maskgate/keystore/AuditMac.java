package io.maskgate.keystore;

import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * HMAC-SHA256 under one audit key: the tag that chains the decision log. A separate key from the
 * index key on purpose: whoever verifies audit evidence (an auditor, a DPO) then never holds the
 * key that turns phone numbers into Redis keys.
 *
 * <p>Thread-safe: each thread keeps its own initialised {@link Mac}; {@code doFinal} resets it.
 */
public final class AuditMac {

    /** Length of every tag {@link #mac} returns. */
    public static final int MAC_BYTES = 32;


    private final int keyId;
    private final HmacSha256 hmac;

    AuditMac(int keyId, SecretKey key) {
        this.keyId = keyId;
        Objects.requireNonNull(key, "key");
        this.hmac = new HmacSha256(key, "audit");
    }

    /** HMAC-SHA256 of {@code input}; {@value #MAC_BYTES} bytes. */
    public byte[] mac(byte[] input) {
        Objects.requireNonNull(input, "input");
        return hmac.mac().doFinal(input);
    }

    /** HMAC-SHA256 of {@code first || second} without building the concatenation. */
    public byte[] mac(byte[] first, byte[] second) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        Mac mac = hmac.mac();
        mac.update(first);
        return mac.doFinal(second);
    }

    /** The id of this audit key (alias {@code audit-<id>}), written next to every tag it makes. */
    public int keyId() {
        return keyId;
    }

    @Override
    public String toString() {
        return "AuditMac[keyId=" + keyId + "]";
    }
}
