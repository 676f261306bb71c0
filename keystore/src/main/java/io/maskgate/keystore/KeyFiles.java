package io.maskgate.keystore;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Creates key files and rotates data keys: the operations behind {@link KeystoreTool}. Gateways only
 * read key files ({@link KeyRing#load}).
 */
public final class KeyFiles {

    private KeyFiles() {
    }

    /**
     * Writes a fresh key file holding data key 1, index key 1 and audit key 1, readable only by its owner (0600)
     * where the file system is POSIX.
     *
     * @throws KeystoreException if the file already exists (overwriting keys would make every value
     *     sealed under them unreadable) or cannot be written
     */
    public static void create(Path keyFile, PasswordSource password) {
        Objects.requireNonNull(keyFile, "keyFile");
        char[] pw = password.password();
        try {
            SecureRandom random = new SecureRandom();
            KeyStore store = BcfksFile.empty();
            BcfksFile.put(store, new KeyAlias(KeyKind.DATA, 1), BcfksFile.generate(KeyKind.DATA, random), pw);
            BcfksFile.put(store, new KeyAlias(KeyKind.INDEX, 1), BcfksFile.generate(KeyKind.INDEX, random), pw);
            BcfksFile.put(store, new KeyAlias(KeyKind.AUDIT, 1), BcfksFile.generate(KeyKind.AUDIT, random), pw);
            BcfksFile.createNew(keyFile, store, pw);
        } finally {
            Arrays.fill(pw, '\0');
        }
    }

    /**
     * Adds a data key with id {@code max + 1} and atomically replaces the file. Running gateways
     * keep using the ring they loaded; each one seals under the new key once it reloads.
     *
     * <p>Two rotations of the same file are serialised by an exclusive lock on a sidecar file
     * {@code <keyFile>.lock}; without it both could add the same id and one key would be lost.
     *
     * @return the new data key id
     * @throws KeystoreException if the file cannot be opened, is not a valid key file, or cannot be replaced
     */
    public static int rotateDataKey(Path keyFile, PasswordSource password) {
        Objects.requireNonNull(keyFile, "keyFile");
        Objects.requireNonNull(password, "password");
        return underLock(keyFile, () -> addDataKey(keyFile, password));
    }

    private static int addDataKey(Path keyFile, PasswordSource password) {
        char[] pw = password.password();
        try {
            KeyStore store = BcfksFile.read(keyFile, pw);
            // Validates the whole file first: never extend a file a gateway could not load.
            KeyRing ring = KeyRing.fromStore(keyFile, store, pw, new SecureRandom());
            int last = ring.dataKeyIds().last();
            if (last == Integer.MAX_VALUE) {
                throw KeystoreException.invalidContent(keyFile, "data key ids are exhausted");
            }
            int newId = last + 1;
            BcfksFile.put(store, new KeyAlias(KeyKind.DATA, newId),
                    BcfksFile.generate(KeyKind.DATA, new SecureRandom()), pw);
            BcfksFile.replace(keyFile, store, pw);
            return newId;
        } finally {
            Arrays.fill(pw, '\0');
        }
    }

    /**
     * Adds an audit key with id {@code max + 1} (or 1 in a file that has none, such as one created
     * before audit keys existed) and atomically replaces the file. The decision log chains new
     * records under the newest audit key once the gateway reloads; older log lines keep verifying
     * because every audit key stays in the file. Serialised with {@link #rotateDataKey} by the
     * same lock file.
     *
     * @return the new audit key id
     * @throws KeystoreException if the file cannot be opened, is not a valid key file, or cannot be replaced
     */
    public static int addAuditKey(Path keyFile, PasswordSource password) {
        Objects.requireNonNull(keyFile, "keyFile");
        Objects.requireNonNull(password, "password");
        return underLock(keyFile, () -> addAudit(keyFile, password));
    }

    private static int addAudit(Path keyFile, PasswordSource password) {
        char[] pw = password.password();
        try {
            KeyStore store = BcfksFile.read(keyFile, pw);
            KeyRing ring = KeyRing.fromStore(keyFile, store, pw, new SecureRandom());
            int last = ring.auditKeyIds().isEmpty() ? 0 : ring.auditKeyIds().last();
            if (last == Integer.MAX_VALUE) {
                throw KeystoreException.invalidContent(keyFile, "audit key ids are exhausted");
            }
            int newId = last + 1;
            BcfksFile.put(store, new KeyAlias(KeyKind.AUDIT, newId),
                    BcfksFile.generate(KeyKind.AUDIT, new SecureRandom()), pw);
            BcfksFile.replace(keyFile, store, pw);
            return newId;
        } finally {
            Arrays.fill(pw, '\0');
        }
    }

    /**
     * Describes the MaskGate keys in a file (kind, id, creation date), data keys first, by id.
     * Never key bytes.
     */
    public static List<KeyInfo> list(Path keyFile, PasswordSource password) {
        Objects.requireNonNull(keyFile, "keyFile");
        char[] pw = password.password();
        try {
            KeyStore store = BcfksFile.read(keyFile, pw);
            List<KeyInfo> result = new ArrayList<>();
            for (KeyAlias alias : KeyRing.aliases(keyFile, store)) {
                Date created = store.getCreationDate(alias.alias());
                if (created == null) {
                    throw KeystoreException.invalidContent(keyFile, "entry " + alias.alias() + " has no creation date");
                }
                result.add(new KeyInfo(alias.kind(), alias.id(), created.toInstant()));
            }
            result.sort(Comparator.comparing(KeyInfo::kind).thenComparingInt(KeyInfo::id));
            return List.copyOf(result);
        } catch (KeyStoreException e) {
            throw KeystoreException.cannotOpen(keyFile, e);
        } finally {
            Arrays.fill(pw, '\0');
        }
    }

    /**
     * Runs {@code action} holding an exclusive lock on {@code <keyFile>.lock}. The lock file is left
     * in place: deleting it would let a third process lock a new file while the second still holds
     * the old one.
     */
    private static <T> T underLock(Path keyFile, Supplier<T> action) {
        Path lockFile = keyFile.resolveSibling(keyFile.getFileName() + ".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.lock(); // released when the channel closes
            return action.get();
        } catch (IOException e) {
            throw KeystoreException.cannotWrite(lockFile, e);
        }
    }
}
