package io.maskgate.keystore;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.crypto.SecretKey;

/**
 * An immutable snapshot of the keys in a MaskGate key file: every data key (for
 * {@link EnvelopeCipher}), the one index key (for {@link BlindIndex}) and every audit key (for
 * {@link AuditMac}).
 *
 * <p>The key file is a BouncyCastle BCFKS key store holding 256-bit secret-key entries aliased
 * {@code data-<id>} (AES), {@code index-<id>} and {@code audit-<id>} (HMAC-SHA256), all protected
 * by the file's password. Other entries (for example TLS material) are ignored here.
 *
 * <p><b>Audit keys are optional at load time.</b> Key files written before the decision log existed
 * have none; they still load, so a gateway without the audit log keeps working, and
 * {@link #auditKey()} fails with a message naming the missing alias and the command that adds it
 * ({@code keystore-tool add-audit-key}). The newest audit key signs; every loaded one verifies, so
 * adding a key never breaks verification of older log lines.
 *
 * <p><b>Only data keys rotate.</b> A new data key ({@link KeyFiles#rotateDataKey}) takes over new
 * writes while old envelopes stay readable under their recorded key id, and a background re-wrap
 * can migrate them. The index key cannot rotate that way: every Redis routing key is derived from
 * it, so a new index key would change every key at once and orphan every live session until all of
 * them were rewritten. A key file therefore holds exactly one index key.
 *
 * <p>Thread-safe; load once at start-up and share. Reloading after a rotation means loading a new
 * {@code KeyRing} and swapping the reference.
 */
public final class KeyRing {

    private final EnvelopeCipher envelopes;
    private final BlindIndex blindIndex;
    private final SortedSet<Integer> dataKeyIds;
    private final SortedMap<Integer, AuditMac> auditKeys;
    private final SortedSet<Integer> auditKeyIds;
    private final String source;

    private KeyRing(Map<Integer, SecretKey> dataKeys, int indexKeyId, SecretKey indexKey,
            Map<Integer, SecretKey> auditKeys, SecureRandom random, String source) {
        this.envelopes = new EnvelopeCipher(dataKeys, random);
        this.blindIndex = new BlindIndex(indexKeyId, indexKey);
        this.dataKeyIds = Collections.unmodifiableSortedSet(new TreeSet<>(dataKeys.keySet()));
        SortedMap<Integer, AuditMac> audit = new TreeMap<>();
        auditKeys.forEach((id, key) -> audit.put(id, new AuditMac(id, key)));
        this.auditKeys = Collections.unmodifiableSortedMap(audit);
        this.auditKeyIds = Collections.unmodifiableSortedSet(new TreeSet<>(audit.keySet()));
        this.source = source;
    }

    /**
     * Loads and checks a key file.
     *
     * @throws KeystoreException naming the file and what is wrong (missing, wrong password or
     *     damaged, no data key, not exactly one index key, a key of the wrong size); never the password
     */
    public static KeyRing load(Path keyFile, PasswordSource password) {
        Objects.requireNonNull(keyFile, "keyFile");
        Objects.requireNonNull(password, "password");
        char[] pw = password.password();
        try {
            KeyStore store = BcfksFile.read(keyFile, pw);
            return fromStore(keyFile, store, pw, new SecureRandom());
        } finally {
            Arrays.fill(pw, '\0');
        }
    }

    /**
     * An in-memory ring with data key 1, index key 1 and audit key 1 drawn from {@code random}, for
     * unit tests of other modules. A seeded {@code SecureRandom.getInstance("SHA1PRNG")} gives
     * repeatable keys (the audit key is drawn last, so data and index keys are the same as before
     * audit keys existed).
     */
    public static KeyRing forTesting(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        SecretKey dataKey = BcfksFile.generate(KeyKind.DATA, random);
        SecretKey indexKey = BcfksFile.generate(KeyKind.INDEX, random);
        SecretKey auditKey = BcfksFile.generate(KeyKind.AUDIT, random);
        return new KeyRing(Map.of(1, dataKey), 1, indexKey, Map.of(1, auditKey), random, "in-memory test ring");
    }

    static KeyRing fromStore(Path file, KeyStore store, char[] password, SecureRandom random) {
        SortedMap<Integer, SecretKey> dataKeys = new TreeMap<>();
        SortedMap<Integer, SecretKey> auditKeys = new TreeMap<>();
        List<KeyAlias> indexAliases = new ArrayList<>();
        for (KeyAlias alias : aliases(file, store)) {
            switch (alias.kind()) {
                case DATA -> dataKeys.put(alias.id(), BcfksFile.get(file, store, alias, password));
                case AUDIT -> auditKeys.put(alias.id(), BcfksFile.get(file, store, alias, password));
                case INDEX -> indexAliases.add(alias);
            }
        }
        if (dataKeys.isEmpty()) {
            throw KeystoreException.invalidContent(file, "it holds no data key (alias data-<id>)");
        }
        if (indexAliases.size() != 1) {
            throw KeystoreException.invalidContent(file, "it must hold exactly one index key (alias index-<id>), found "
                    + indexAliases.stream().map(KeyAlias::alias).toList());
        }
        KeyAlias index = indexAliases.get(0);
        return new KeyRing(dataKeys, index.id(), BcfksFile.get(file, store, index, password), auditKeys, random,
                "key file " + file);
    }

    /** The MaskGate aliases in the store, skipping anything else it holds. */
    static List<KeyAlias> aliases(Path file, KeyStore store) {
        try {
            List<KeyAlias> result = new ArrayList<>();
            for (String name : Collections.list(store.aliases())) {
                KeyAlias.parse(name).ifPresent(result::add);
            }
            return result;
        } catch (KeyStoreException e) {
            throw KeystoreException.cannotOpen(file, e);
        }
    }

    /** Seals with the newest data key, opens with any loaded one. */
    public EnvelopeCipher envelopes() {
        return envelopes;
    }

    /** HMAC-SHA256 pseudonyms under the index key. */
    public BlindIndex blindIndex() {
        return blindIndex;
    }

    /** The id new envelopes are sealed under: the highest data key id. */
    public int currentDataKeyId() {
        return envelopes.currentKeyId();
    }

    /** Every data key id that {@link EnvelopeCipher#open} accepts, ascending. */
    public SortedSet<Integer> dataKeyIds() {
        return dataKeyIds;
    }

    /**
     * The newest audit key: the one new decision log records are chained under.
     *
     * @throws KeystoreException naming the missing alias and how to add it, if the key file holds
     *     no audit key (files created before audit keys existed)
     */
    public AuditMac auditKey() {
        if (auditKeys.isEmpty()) {
            throw new KeystoreException(source + " holds no audit key (alias " + KeyKind.AUDIT.prefix()
                    + "-1); add one with: keystore-tool add-audit-key --file <key file> --password-env <VAR>");
        }
        return auditKeys.get(auditKeys.lastKey());
    }

    /** The audit key with this id, for verifying log lines written under an older key; empty if not loaded. */
    public Optional<AuditMac> auditKey(int keyId) {
        return Optional.ofNullable(auditKeys.get(keyId));
    }

    /** Every loaded audit key id, ascending; empty for a key file without audit keys. */
    public SortedSet<Integer> auditKeyIds() {
        return auditKeyIds;
    }

    @Override
    public String toString() {
        return "KeyRing[dataKeyIds=" + dataKeyIds + ", current=" + currentDataKeyId()
                + ", indexKeyId=" + blindIndex.keyId() + "]";
    }
}
