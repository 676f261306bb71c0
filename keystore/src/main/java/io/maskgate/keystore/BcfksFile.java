package io.maskgate.keystore;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes BCFKS key stores: the adapter where BouncyCastle's and java.io's checked
 * exceptions become {@link KeystoreException}s naming the file.
 *
 * <p>The BouncyCastle provider is used as an instance, not registered with {@code Security}, so
 * loading keys does not change which provider the rest of the JVM (Netty's TLS, lettuce) picks.
 */
final class BcfksFile {

    private static final Logger LOG = LoggerFactory.getLogger(BcfksFile.class);
    private static final String TYPE = "BCFKS";

    private BcfksFile() {
    }

    /** Lazily created: constructing the provider takes a noticeable fraction of a second. */
    private static final class Bc {
        static final Provider PROVIDER = new BouncyCastleProvider();
    }

    static KeyStore empty() {
        try {
            KeyStore store = KeyStore.getInstance(TYPE, Bc.PROVIDER);
            store.load(null, null);
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw KeystoreException.cryptoUnavailable(TYPE + " key store", e);
        }
    }

    static KeyStore read(Path file, char[] password) {
        if (!Files.isRegularFile(file)) {
            throw KeystoreException.noSuchFile(file);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw KeystoreException.cannotOpen(file, e);
        }
        try {
            KeyStore store = KeyStore.getInstance(TYPE, Bc.PROVIDER);
            store.load(new ByteArrayInputStream(bytes), password);
            return store;
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            // BCFKS reports a wrong password as a failed MAC, indistinguishable from a damaged file;
            // a file of another format may even throw unchecked parsing errors.
            throw KeystoreException.cannotOpen(file, e);
        }
    }

    /** A new random 256-bit key of the given kind. */
    static SecretKey generate(KeyKind kind, SecureRandom random) {
        byte[] bytes = new byte[KeyKind.KEY_BYTES];
        random.nextBytes(bytes);
        try {
            return new SecretKeySpec(bytes, kind.algorithm());
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    static void put(KeyStore store, KeyAlias alias, SecretKey key, char[] password) {
        try {
            store.setKeyEntry(alias.alias(), key, password, null);
        } catch (GeneralSecurityException e) {
            throw KeystoreException.cryptoUnavailable("storing " + alias.alias() + " in " + TYPE, e);
        }
    }

    /**
     * The key under {@code alias}, checked to be a 256-bit secret key and re-wrapped for the JDK's
     * own providers (faster for AES-GCM and HMAC than BouncyCastle's software code).
     */
    static SecretKey get(Path file, KeyStore store, KeyAlias alias, char[] password) {
        Key key;
        try {
            key = store.getKey(alias.alias(), password);
        } catch (GeneralSecurityException e) {
            throw KeystoreException.invalidContent(file, "cannot decrypt entry " + alias.alias()
                    + " (" + KeystoreException.describe(e) + ")");
        }
        if (!(key instanceof SecretKey)) {
            throw KeystoreException.invalidContent(file, "entry " + alias.alias() + " is not a secret key");
        }
        byte[] encoded = key.getEncoded();
        try {
            if (encoded == null || encoded.length != KeyKind.KEY_BYTES) {
                throw KeystoreException.invalidContent(file, "entry " + alias.alias() + " is not a "
                        + (KeyKind.KEY_BYTES * 8) + "-bit key");
            }
            return new SecretKeySpec(encoded, alias.kind().algorithm());
        } finally {
            if (encoded != null) {
                Arrays.fill(encoded, (byte) 0);
            }
        }
    }

    /** Writes a new file; fails with {@link KeystoreException#alreadyExists} rather than replace one. */
    static void createNew(Path file, KeyStore store, char[] password) {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw KeystoreException.alreadyExists(file);
        }
        Path temp = writeTemp(file, serialize(file, store, password));
        try {
            // Without REPLACE_EXISTING the move refuses an existing target.
            Files.move(temp, file);
        } catch (FileAlreadyExistsException e) {
            deleteQuietly(temp);
            throw KeystoreException.alreadyExists(file);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw KeystoreException.cannotWrite(file, e);
        }
    }

    /**
     * Replaces the file atomically: readers (a gateway starting up) see the old or the new file,
     * never a half-written one.
     */
    static void replace(Path file, KeyStore store, char[] password) {
        Path temp = writeTemp(file, serialize(file, store, password));
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw KeystoreException.cannotWrite(file, e);
        }
    }

    private static byte[] serialize(Path file, KeyStore store, char[] password) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password);
            return out.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            throw KeystoreException.cannotWrite(file, e);
        }
    }

    /** A synced temp file beside the target (same file system, so the move is a rename), 0600 where POSIX. */
    private static Path writeTemp(Path file, byte[] content) {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp", ownerOnly(dir));
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            return temp;
        } catch (IOException | UnsupportedOperationException e) {
            if (temp != null) {
                deleteQuietly(temp);
            }
            throw KeystoreException.cannotWrite(file, e);
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path dir) {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
        }
        return new FileAttribute<?>[0];
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // The original error is what the operator needs; a stray temp file is only noted.
            LOG.warn("could not delete temp file {}: {}", temp, e.toString());
        }
    }
}
