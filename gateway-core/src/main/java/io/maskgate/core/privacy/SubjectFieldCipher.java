package io.maskgate.core.privacy;

import io.maskgate.core.audit.DecisionRecord;
import io.maskgate.core.audit.SubjectFieldSealer;
import io.maskgate.core.events.SafeText;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals the decision log's party ids under per-subject keys ({@link SubjectKeys}) and opens them
 * again for an export.
 *
 * <h2>Sealed field</h2>
 * {@code ~} then the payload in "letter hex" (each nibble as {@code a..p}):
 * <pre>
 *   1 byte version (1) | 16 bytes subject token | 2 bytes length + UTF-8 key field (purpose|epoch)
 *   | 12 bytes nonce | AES-256-GCM(id) with its 16-byte tag, associated data = token hex + "|" + field
 * </pre>
 * Letters, not base64 or hex: the text holds no digit, so {@link SafeText} (which masks digit runs
 * that look like phone numbers) leaves it byte for byte as sealed, and the chain covers exactly
 * this text. After the key is deleted the field opens to {@value #ERASED}; the line still verifies.
 *
 * <p>The token in the field is the subject's blind index (the same one the erasure record names):
 * an auditor can tell that two shredded fields were the same subject, not who it was.
 */
public final class SubjectFieldCipher implements SubjectFieldSealer {

    /** Shown for a field whose key was erased or purged. */
    public static final String ERASED = "<erased>";
    /** Written instead of an id that could not be sealed (Redis down): never the id in clear. */
    public static final String WITHHELD = "<withheld>";
    /** Metric: party ids withheld from the decision log because their key could not be had. */
    public static final String WITHHELD_METRIC = "maskgate_audit_fields_withheld_total";

    private static final Logger LOG = LoggerFactory.getLogger(SubjectFieldCipher.class);
    private static final char MARK = '~';
    private static final int VERSION = 1;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final HexFormat HEX = HexFormat.of();

    private final SubjectKeys keys;
    private final PrivacyKeys names;
    private final SecureRandom random = new SecureRandom();
    private final Counter withheld;
    /** Writer-thread only: until when sealing withholds at once instead of waiting on a Redis that just failed. */
    private long skipRedisUntilNanos = System.nanoTime();

    public SubjectFieldCipher(SubjectKeys keys, PrivacyKeys names, MeterRegistry registry) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.names = Objects.requireNonNull(names, "names");
        this.withheld = Counter.builder(WITHHELD_METRIC)
                .description("Party ids withheld from the decision log because their subject key was unavailable")
                .register(registry);
    }

    @Override
    public DecisionRecord seal(DecisionRecord record) {
        if (record.callerId().isEmpty() && record.calleeId().isEmpty()) {
            return record;
        }
        String purpose = record.purpose().map(SafeText::value).orElse("-");
        long epoch = keys.policy().epochOf(record.time());
        return record.withParties(record.callerId().map(id -> sealOne(id.value(), purpose, epoch)),
                record.calleeId().map(id -> sealOne(id.value(), purpose, epoch)));
    }

    /**
     * After a Redis failure, cache misses are withheld without asking Redis for {@link #BACKOFF}:
     * during an outage each miss would otherwise hold the writer thread for a command timeout, and
     * the queue behind it would fill and drop routing records, which matter more.
     */
    static final java.time.Duration BACKOFF = java.time.Duration.ofSeconds(1);

    private SafeText sealOne(String subjectId, String purpose, long epoch) {
        boolean backingOff = System.nanoTime() - skipRedisUntilNanos < 0;
        try {
            String token = names.subjectToken(subjectId);
            byte[] key = backingOff
                    ? keys.cachedKey(token, purpose, epoch).orElseThrow(() -> new PrivacyStoreException("backoff", null))
                    : keys.keyForSealing(token, purpose, epoch);
            return SafeText.of(MARK + letters(payload(token, SubjectKeys.field(purpose, epoch), key, subjectId)));
        } catch (RuntimeException e) {
            if (!backingOff) {
                skipRedisUntilNanos = System.nanoTime() + BACKOFF.toNanos();
                LOG.warn("party ids are withheld from the decision log while subject keys are unavailable ({}); "
                        + "counted in {}", e.getClass().getSimpleName(), WITHHELD_METRIC);
            }
            withheld.increment();
            return SafeText.of(WITHHELD);
        }
    }

    /** True for a field written by {@link #seal}. */
    public static boolean isSealed(String field) {
        return field.length() > 1 && field.charAt(0) == MARK;
    }

    /**
     * The id in a field: itself when not sealed (records from before sealing was on), the opened id,
     * or {@value #ERASED} once its key is gone (or the field does not open at all).
     *
     * @throws PrivacyStoreException when Redis does not answer (the caller must not say "erased")
     */
    public String open(String field) {
        if (!isSealed(field)) {
            return field;
        }
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(unletters(field.substring(1))))) {
            if (in.readUnsignedByte() != VERSION) {
                return ERASED;
            }
            byte[] token = in.readNBytes(PrivacyKeys.TOKEN_BYTES);
            byte[] fieldBytes = in.readNBytes(in.readUnsignedShort());
            byte[] nonce = in.readNBytes(NONCE);
            byte[] sealed = in.readAllBytes();
            String tokenHex = HEX.formatHex(token);
            String keyField = new String(fieldBytes, StandardCharsets.UTF_8);
            Optional<byte[]> key = keys.keyForOpening(tokenHex, keyField);
            if (key.isEmpty()) {
                return ERASED;
            }
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key.get(), "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(aad(tokenHex, keyField));
            return new String(c.doFinal(sealed), StandardCharsets.UTF_8);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            return ERASED;
        }
    }

    private byte[] payload(String token, String field, byte[] key, String subjectId) {
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(aad(token, field));
            byte[] sealed = c.doFinal(subjectId.getBytes(StandardCharsets.UTF_8));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + sealed.length);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            out.write(HEX.parseHex(token));
            byte[] f = field.getBytes(StandardCharsets.UTF_8);
            out.writeShort(f.length);
            out.write(f);
            out.write(nonce);
            out.write(sealed);
            return bytes.toByteArray();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by every Java platform", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] aad(String token, String field) {
        return (token + "|" + field).getBytes(StandardCharsets.UTF_8);
    }

    static String letters(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = (char) ('a' + ((bytes[i] >> 4) & 0xf));
            out[2 * i + 1] = (char) ('a' + (bytes[i] & 0xf));
        }
        return new String(out);
    }

    static byte[] unletters(String text) {
        if (text.length() % 2 != 0) {
            throw new IllegalArgumentException("odd length");
        }
        byte[] out = new byte[text.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = text.charAt(2 * i) - 'a';
            int lo = text.charAt(2 * i + 1) - 'a';
            if (hi < 0 || hi > 15 || lo < 0 || lo > 15) {
                throw new IllegalArgumentException("not a sealed field");
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }
}
