package io.maskgate.keystore;

/**
 * A byte string is not an envelope that this key ring can open: wrong version, unknown key id, too
 * short, or the authentication tag does not verify (tampered, wrong associated data, or wrong key).
 *
 * <p>The message never contains plaintext, key bytes or the associated data (a Redis key may be
 * derived from personal data); it carries only the key id and lengths.
 */
public class EnvelopeException extends KeystoreException {

    private static final long serialVersionUID = 1L;

    public EnvelopeException(String message) {
        super(message);
    }

    public EnvelopeException(String message, Throwable cause) {
        super(message, cause);
    }

    public static EnvelopeException unsupportedVersion(int version) {
        return new EnvelopeException("unsupported envelope version " + version
                + " (this build reads version " + EnvelopeCipher.VERSION + ")");
    }

    public static EnvelopeException truncated(int length, int minimum) {
        return new EnvelopeException("envelope truncated: " + length + " bytes, at least " + minimum + " needed");
    }

    public static EnvelopeException unknownKeyId(int keyId) {
        return new EnvelopeException("envelope sealed under data key id " + keyId
                + ", which is not in the loaded key file");
    }

    public static EnvelopeException authenticationFailed(int keyId, Throwable cause) {
        return new EnvelopeException("envelope under data key id " + keyId
                + " failed authentication (tampered, copied under another key, or wrong key)", cause);
    }
}
