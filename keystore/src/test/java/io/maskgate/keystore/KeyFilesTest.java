package io.maskgate.keystore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {

    private static final String SECRET = "correct horse battery staple";
    private static final byte[] AAD = "mg:{3}:r:00ff00ff00ff00ff".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = "{\"target\":\"+919800000001\"}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private final PasswordSource password = PasswordSource.of(SECRET.toCharArray());

    @Test
    void createThenLoad() throws IOException {
        Path file = dir.resolve("keys.bcfks");

        KeyFiles.create(file, password);
        KeyRing ring = KeyRing.load(file, password);

        assertEquals(1, ring.currentDataKeyId());
        assertEquals(new TreeSet<>(List.of(1)), ring.dataKeyIds());
        assertEquals(1, ring.blindIndex().keyId());
        assertArrayEquals(VALUE, ring.envelopes().open(ring.envelopes().seal(VALUE, AAD), AAD));
        assertFalse(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(SECRET));
        assertEquals(List.of(file), listDir(), "no temp file left behind");
    }

    @Test
    void reloadGivesSameKeys() {
        Path file = dir.resolve("keys.bcfks");
        KeyFiles.create(file, password);
        KeyRing first = KeyRing.load(file, password);

        KeyRing second = KeyRing.load(file, password);

        assertArrayEquals(VALUE, second.envelopes().open(first.envelopes().seal(VALUE, AAD), AAD));
        assertEquals(first.blindIndex().token("x", 16), second.blindIndex().token("x", 16));
    }

    @Test
    void createdFileIsOwnerOnly() throws IOException {
        Path file = dir.resolve("keys.bcfks");

        KeyFiles.create(file, password);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void createRefusesToOverwrite() throws IOException {
        Path file = dir.resolve("keys.bcfks");
        KeyFiles.create(file, password);
        byte[] before = Files.readAllBytes(file);

        KeystoreException e = assertThrows(KeystoreException.class, () -> KeyFiles.create(file, password));

        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("already exists"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of(file), listDir());
    }

    @Test
    void wrongPasswordNamesFileButNotPassword() {
        Path file = dir.resolve("keys.bcfks");
        KeyFiles.create(file, password);
        String wrong = "Tr0ub4dor&3-wrong";

        KeystoreException e = assertThrows(KeystoreException.class,
                () -> KeyRing.load(file, PasswordSource.of(wrong.toCharArray())));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("wrong password"), e.getMessage());
        String trace = causeChain(e);
        assertFalse(trace.contains(wrong), trace);
        assertFalse(trace.contains(SECRET), trace);
    }

    @Test
    void missingFileIsNamed() {
        Path file = dir.resolve("absent.bcfks");

        KeystoreException e = assertThrows(KeystoreException.class, () -> KeyRing.load(file, password));

        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void fileOfAnotherFormatIsRejected() throws IOException {
        Path file = dir.resolve("keys.bcfks");
        Files.writeString(file, "not a key store\n");

        KeystoreException e = assertThrows(KeystoreException.class, () -> KeyRing.load(file, password));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void fileWithoutIndexKeyIsRejected() throws IOException {
        Path file = dir.resolve("keys.bcfks");
        writeStore(file, new KeyAlias(KeyKind.DATA, 1));

        KeystoreException e = assertThrows(KeystoreException.class, () -> KeyRing.load(file, password));

        assertTrue(e.getMessage().contains("exactly one index key"), e.getMessage());
    }

    @Test
    void fileWithTwoIndexKeysIsRejected() throws IOException {
        Path file = dir.resolve("keys.bcfks");
        writeStore(file, new KeyAlias(KeyKind.DATA, 1), new KeyAlias(KeyKind.INDEX, 1), new KeyAlias(KeyKind.INDEX, 2));

        KeystoreException e = assertThrows(KeystoreException.class, () -> KeyRing.load(file, password));

        assertTrue(e.getMessage().contains("index-1") && e.getMessage().contains("index-2"), e.getMessage());
    }

    @Test
    void fileWithoutDataKeyIsRejected() throws IOException {
        Path file = dir.resolve("keys.bcfks");
        writeStore(file, new KeyAlias(KeyKind.INDEX, 1));

        KeystoreException e = assertThrows(KeystoreException.class, () -> KeyRing.load(file, password));

        assertTrue(e.getMessage().contains("no data key"), e.getMessage());
    }

    @Test
    void rotationKeepsOldEnvelopesReadable() {
        Path file = dir.resolve("keys.bcfks");
        KeyFiles.create(file, password);
        KeyRing before = KeyRing.load(file, password);
        byte[] old = before.envelopes().seal(VALUE, AAD);

        int newId = KeyFiles.rotateDataKey(file, password);
        KeyRing after = KeyRing.load(file, password);

        assertEquals(2, newId);
        assertEquals(2, after.currentDataKeyId());
        assertEquals(new TreeSet<>(List.of(1, 2)), after.dataKeyIds());
        assertArrayEquals(VALUE, after.envelopes().open(old, AAD));
        assertFalse(after.envelopes().isCurrent(old));
        byte[] fresh = after.envelopes().seal(VALUE, AAD);
        assertEquals(2, after.envelopes().keyIdOf(fresh));
        assertTrue(after.envelopes().isCurrent(fresh));
        assertEquals(before.blindIndex().token("pair", 16), after.blindIndex().token("pair", 16),
                "the index key does not rotate");
        assertThrows(EnvelopeException.class, () -> before.envelopes().open(fresh, AAD));
    }

    @Test
    void rotationAddsMaxPlusOneAndKeepsPermissions() throws IOException {
        Path file = dir.resolve("keys.bcfks");
        KeyFiles.create(file, password);

        assertEquals(2, KeyFiles.rotateDataKey(file, password));
        assertEquals(3, KeyFiles.rotateDataKey(file, password));

        SortedSet<Integer> ids = KeyRing.load(file, password).dataKeyIds();
        assertEquals(new TreeSet<>(List.of(1, 2, 3)), ids);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(List.of(file, dir.resolve("keys.bcfks.lock")), listDir(), "no temp file left behind");
    }

    @Test
    void rotationWithWrongPasswordLeavesFileAlone() throws IOException {
        Path file = dir.resolve("keys.bcfks");
        KeyFiles.create(file, password);
        byte[] before = Files.readAllBytes(file);

        assertThrows(KeystoreException.class, () -> KeyFiles.rotateDataKey(file, PasswordSource.of("nope".toCharArray())));

        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void listDescribesKeysWithoutBytes() {
        Path file = dir.resolve("keys.bcfks");
        Instant start = Instant.now().minusSeconds(5);
        KeyFiles.create(file, password);
        KeyFiles.rotateDataKey(file, password);

        List<KeyInfo> keys = KeyFiles.list(file, password);

        assertEquals(List.of("data-1", "data-2", "index-1", "audit-1"), keys.stream().map(KeyInfo::alias).toList());
        for (KeyInfo key : keys) {
            assertTrue(key.created().isAfter(start) && key.created().isBefore(Instant.now().plus(Duration.ofSeconds(5))),
                    key.toString());
        }
    }

    @Test
    void otherEntriesAreIgnored() throws Exception {
        Path file = dir.resolve("keys.bcfks");
        KeyStore store = storeWith(new KeyAlias(KeyKind.DATA, 1), new KeyAlias(KeyKind.INDEX, 1));
        store.setKeyEntry("tls-hmac", BcfksFile.generate(KeyKind.INDEX, new SecureRandom()), SECRET.toCharArray(), null);
        BcfksFile.createNew(file, store, SECRET.toCharArray());

        KeyRing ring = KeyRing.load(file, password);

        assertEquals(new TreeSet<>(List.of(1)), ring.dataKeyIds());
    }

    @Test
    void toStringShowsIdsOnly() {
        Path file = dir.resolve("keys.bcfks");
        KeyFiles.create(file, password);
        KeyFiles.rotateDataKey(file, password);

        assertEquals("KeyRing[dataKeyIds=[1, 2], current=2, indexKeyId=1]", KeyRing.load(file, password).toString());
    }

    @Test
    void forTestingRingHasKeyOneOfEachKind() {
        KeyRing ring = KeyRing.forTesting(new SecureRandom());

        assertEquals(1, ring.currentDataKeyId());
        assertEquals(new TreeSet<>(List.of(1)), ring.dataKeyIds());
        assertEquals(1, ring.blindIndex().keyId());
        assertNotEquals(ring.blindIndex().token("a", 8), KeyRing.forTesting(new SecureRandom()).blindIndex().token("a", 8));
    }

    private void writeStore(Path file, KeyAlias... aliases) {
        BcfksFile.createNew(file, storeWith(aliases), SECRET.toCharArray());
    }

    private static KeyStore storeWith(KeyAlias... aliases) {
        KeyStore store = BcfksFile.empty();
        SecureRandom random = new SecureRandom();
        for (KeyAlias alias : aliases) {
            BcfksFile.put(store, alias, BcfksFile.generate(alias.kind(), random), SECRET.toCharArray());
        }
        return store;
    }

    private List<Path> listDir() throws IOException {
        try (var files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    /** Every message in the cause chain, which is what a log line with the exception would show. */
    private static String causeChain(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }
}
