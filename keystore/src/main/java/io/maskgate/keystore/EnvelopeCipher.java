package io.maskgate.keystore;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals and opens values with AES-256-GCM under the key ring's data keys.
 *
 * <h2>Envelope format (version 1)</h2>
 * <pre>
 *  offset  size  field
 *  0       1     version, always 1
 *  1       4     data key id, big-endian (alias {@code data-<id>} in the key file)
 *  5       12    nonce, random per envelope
 *  17      n+16  AES-256-GCM ciphertext of the n plaintext bytes, then the 128-bit tag
 * </pre>
 * The caller's associated data (the gateway passes the Redis key) is authenticated but not stored,
 * so a value copied under another Redis key fails to open. The 5-byte header is authenticated
 * too, implicitly: changing the key id selects another key (or none), and the tag fails.
 *
 * <p>{@link #seal} always uses the current (newest) data key; {@link #open} accepts every data key
 * id in the loaded file, so values written before a rotation stay readable until re-wrapped.
 *
 * <p>Thread-safe. Each thread keeps its own {@link Cipher} instance: {@code Cipher.getInstance}
 * measured ~0.9 us per call here, about as much as a whole seal and open of a 120-byte value
 * (~1.2-1.7 us with the JDK's AES-GCM), while {@code init} with a fresh nonce is needed per call
 * anyway.
 */
public final class EnvelopeCipher {

    /** The only envelope version this build writes and reads. */
    public static final int VERSION = 1;

    static final int KEY_ID_LENGTH = 4;
    static final int NONCE_LENGTH = 12;
    static final int TAG_BITS = 128;
    static final int HEADER_LENGTH = 1 + KEY_ID_LENGTH + NONCE_LENGTH;
    /**
     * Key id written by {@link #sealUnder}. Data key ids start at 1 ({@code data-1} is the first
     * alias a key file gets), so 0 never names one and {@link #open} refuses such an envelope.
     */
    public static final int CALLER_KEY_ID = 0;
    /** Shortest valid envelope: header and tag around an empty plaintext. */
    static final int MIN_LENGTH = HEADER_LENGTH + TAG_BITS / 8;

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final SortedMap<Integer, SecretKey> keys;
    private final int currentKeyId;
    private final SecretKey currentKey;
    private final SecureRandom random;
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(EnvelopeCipher::newCipher);
    /**
     * Ciphers for {@link #sealUnder}/{@link #openUnder}, apart from the data keys' ones: the JDK's
     * AES expands its key schedule again whenever a cipher is initialised with a key other than its
     * previous one, so a thread that alternates between a session key and the data key (the SMPP
     * relay seals every receipt entry under both) would pay that expansion twice per value.
     */
    private final ThreadLocal<Cipher> callerKeyCiphers = ThreadLocal.withInitial(EnvelopeCipher::newCipher);

    /**
     * @param keys data keys by id (AES, 32 bytes each), at least one
     * @param random source of nonces. Random 96-bit nonces are safe here because the collision
     *     probability after q envelopes under one key is about q^2 / 2^97; NIST SP 800-38D caps
     *     random-nonce GCM at 2^32 messages per key, keeping it below 2^-32. A busy gateway writing
     *     1,000 values per second would need 136 years per key to reach 2^32, and data key
     *     rotation ({@link KeyFiles#rotateDataKey}) starts a fresh count long before that.
     */
    EnvelopeCipher(Map<Integer, SecretKey> keys, SecureRandom random) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one data key is needed");
        }
        this.keys = Collections.unmodifiableSortedMap(new TreeMap<>(keys));
        this.currentKeyId = this.keys.lastKey();
        this.currentKey = this.keys.get(currentKeyId);
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Encrypts {@code plaintext} under the current data key, authenticating {@code associatedData}.
     *
     * @param plaintext any length, may be empty
     * @param associatedData bound to the envelope (the Redis key); the same bytes must be given to {@link #open}
     * @return a new envelope, {@code plaintext.length + 33} bytes
     */
    public byte[] seal(byte[] plaintext, byte[] associatedData) {
        return seal(currentKeyId, currentKey, plaintext, associatedData);
    }

    /**
     * Seals under a key the caller holds instead of a data key: a per-session key that erasure
     * deletes from Redis, so that whatever was sealed under it becomes unreadable wherever it lies
     * (crypto-shredding, DESIGN.md section 5). Same format, with key id {@value #CALLER_KEY_ID}.
     *
     * @param key AES, 32 bytes
     */
    public byte[] sealUnder(SecretKey key, byte[] plaintext, byte[] associatedData) {
        return seal(CALLER_KEY_ID, Objects.requireNonNull(key, "key"), plaintext, associatedData);
    }

    private byte[] seal(int keyId, SecretKey key, byte[] plaintext, byte[] associatedData) {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(associatedData, "associatedData");
        byte[] envelope = new byte[HEADER_LENGTH + plaintext.length + TAG_BITS / 8];
        envelope[0] = VERSION;
        writeInt(envelope, 1, keyId);
        // Random, not a counter: nodes share keys and keep no state; see the constructor for the bound.
        byte[] nonce = new byte[NONCE_LENGTH];
        random.nextBytes(nonce);
        System.arraycopy(nonce, 0, envelope, 1 + KEY_ID_LENGTH, NONCE_LENGTH);
        Cipher cipher = cipherFor(keyId);
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            cipher.doFinal(plaintext, 0, plaintext.length, envelope, HEADER_LENGTH);
        } catch (GeneralSecurityException e) {
            // Only a broken JCA gets here: key length, nonce and buffer sizes are fixed by this class.
            throw KeystoreException.cryptoUnavailable(TRANSFORMATION + " encryption", e);
        }
        return envelope;
    }

    /**
     * Decrypts an envelope sealed under any loaded data key.
     *
     * @return the plaintext
     * @throws EnvelopeException if the version is not {@value #VERSION}, the key id is not loaded,
     *     the input is shorter than a header and tag, or authentication fails
     */
    public byte[] open(byte[] envelope, byte[] associatedData) {
        int keyId = wholeEnvelopeKeyId(envelope);
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw EnvelopeException.unknownKeyId(keyId);
        }
        return open(keyId, key, envelope, associatedData);
    }

    /**
     * Opens an envelope made by {@link #sealUnder} with the same key.
     *
     * @throws EnvelopeException as {@link #open}, and for an envelope sealed under a data key
     */
    public byte[] openUnder(SecretKey key, byte[] envelope, byte[] associatedData) {
        Objects.requireNonNull(key, "key");
        int keyId = wholeEnvelopeKeyId(envelope);
        if (keyId != CALLER_KEY_ID) {
            throw EnvelopeException.unknownKeyId(keyId);
        }
        return open(keyId, key, envelope, associatedData);
    }

    /** {@link #keyIdOf}, and the envelope is long enough for its header and tag. */
    private int wholeEnvelopeKeyId(byte[] envelope) {
        int keyId = keyIdOf(envelope);
        if (envelope.length < MIN_LENGTH) {
            throw EnvelopeException.truncated(envelope.length, MIN_LENGTH);
        }
        return keyId;
    }

    private byte[] open(int keyId, SecretKey key, byte[] envelope, byte[] associatedData) {
        Objects.requireNonNull(associatedData, "associatedData");
        Cipher cipher = cipherFor(keyId);
        try {
            cipher.init(Cipher.DECRYPT_MODE, key,
                    new GCMParameterSpec(TAG_BITS, envelope, 1 + KEY_ID_LENGTH, NONCE_LENGTH));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(envelope, HEADER_LENGTH, envelope.length - HEADER_LENGTH);
        } catch (AEADBadTagException e) {
            throw EnvelopeException.authenticationFailed(keyId, e);
        } catch (GeneralSecurityException e) {
            throw KeystoreException.cryptoUnavailable(TRANSFORMATION + " decryption", e);
        }
    }

    /**
     * The data key id an envelope was sealed under, without decrypting it.
     *
     * @throws EnvelopeException if the bytes are too short for a header or carry another version
     */
    public int keyIdOf(byte[] envelope) {
        Objects.requireNonNull(envelope, "envelope");
        if (envelope.length == 0) {
            throw EnvelopeException.truncated(0, MIN_LENGTH);
        }
        if (envelope[0] != VERSION) {
            throw EnvelopeException.unsupportedVersion(envelope[0] & 0xff);
        }
        if (envelope.length < HEADER_LENGTH) {
            throw EnvelopeException.truncated(envelope.length, MIN_LENGTH);
        }
        return readInt(envelope, 1);
    }

    /** Whether the envelope was sealed under the current data key, i.e. needs no re-wrap. */
    public boolean isCurrent(byte[] envelope) {
        return keyIdOf(envelope) == currentKeyId;
    }

    /** The id new envelopes are sealed under. */
    public int currentKeyId() {
        return currentKeyId;
    }

    @Override
    public String toString() {
        return "EnvelopeCipher[keyIds=" + keys.keySet() + ", current=" + currentKeyId + "]";
    }

    private Cipher cipherFor(int keyId) {
        return keyId == CALLER_KEY_ID ? callerKeyCiphers.get() : ciphers.get();
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw KeystoreException.cryptoUnavailable(TRANSFORMATION, e);
        }
    }

    private static void writeInt(byte[] target, int offset, int value) {
        target[offset] = (byte) (value >>> 24);
        target[offset + 1] = (byte) (value >>> 16);
        target[offset + 2] = (byte) (value >>> 8);
        target[offset + 3] = (byte) value;
    }

    private static int readInt(byte[] source, int offset) {
        return (source[offset] & 0xff) << 24
                | (source[offset + 1] & 0xff) << 16
                | (source[offset + 2] & 0xff) << 8
                | (source[offset + 3] & 0xff);
    }
}
