package io.maskgate.keystore;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * HMAC-SHA256 under one key, one initialised {@link Mac} per thread: {@code Mac.getInstance} and
 * {@code init} cost about a microsecond, more than the MAC of a short input, and a {@code Mac} is
 * not thread-safe. Shared by the blind index and the audit key.
 */
final class HmacSha256 {
    static final String ALGORITHM = "HmacSHA256";

    private final ThreadLocal<Mac> macs;

    /**
     * @param keyRole named in the error when the key is unusable ("index", "audit")
     * @throws KeystoreException at load time, not on the first message, if the key is unusable
     */
    HmacSha256(SecretKey key, String keyRole) {
        newMac(key, keyRole);
        this.macs = ThreadLocal.withInitial(() -> newMac(key, keyRole));
    }

    /** This thread's Mac, reset and ready for input. */
    Mac mac() {
        return macs.get();
    }

    private static Mac newMac(SecretKey key, String keyRole) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (InvalidKeyException e) {
            throw new KeystoreException(keyRole + " key cannot be used for " + ALGORITHM, e);
        } catch (GeneralSecurityException e) {
            throw KeystoreException.cryptoUnavailable(ALGORITHM, e);
        }
    }
}
