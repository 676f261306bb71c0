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
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.crypto.SecretKey;

/**
 * An immutable snapshot of the keys in a MaskGate key file: every data key (for
 * {@link EnvelopeCipher}) and the one index key (for {@link BlindIndex}).
 *
 * <p>The key file is a BouncyCastle BCFKS key store holding 256-bit secret-key entries aliased
 * {@code data-<id>} (AES) and {@code index-<id>} (HMAC-SHA256), all protected by the file's
 * password. Other entries (for example TLS material) are ignored here.
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

    private KeyRing(Map<Integer, SecretKey> dataKeys, int indexKeyId, SecretKey indexKey, SecureRandom random) {
        this.envelopes = new EnvelopeCipher(dataKeys, random);
        this.blindIndex = new BlindIndex(indexKeyId, indexKey);
        this.dataKeyIds = Collections.unmodifiableSortedSet(new TreeSet<>(dataKeys.keySet()));
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
     * An in-memory ring with data key 1 and index key 1 drawn from {@code random}, for unit tests of
     * other modules. A seeded {@code SecureRandom.getInstance("SHA1PRNG")} gives repeatable keys.
     */
    public static KeyRing forTesting(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        SecretKey dataKey = BcfksFile.generate(KeyKind.DATA, random);
        SecretKey indexKey = BcfksFile.generate(KeyKind.INDEX, random);
        return new KeyRing(Map.of(1, dataKey), 1, indexKey, random);
    }

    static KeyRing fromStore(Path file, KeyStore store, char[] password, SecureRandom random) {
        SortedMap<Integer, SecretKey> dataKeys = new TreeMap<>();
        List<KeyAlias> indexAliases = new ArrayList<>();
        for (KeyAlias alias : aliases(file, store)) {
            if (alias.kind() == KeyKind.DATA) {
                dataKeys.put(alias.id(), BcfksFile.get(file, store, alias, password));
            } else {
                indexAliases.add(alias);
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
        return new KeyRing(dataKeys, index.id(), BcfksFile.get(file, store, index, password), random);
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

    @Override
    public String toString() {
        return "KeyRing[dataKeyIds=" + dataKeyIds + ", current=" + currentDataKeyId()
                + ", indexKeyId=" + blindIndex.keyId() + "]";
    }
}
