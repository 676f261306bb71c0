package io.maskgate.keystore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditKeyTest {

    private static final String SECRET = "audit-key-test-password";
    private static final byte[] PREV = new byte[AuditMac.MAC_BYTES];
    private static final byte[] LINE = "1\t2025-01-01T00:00:00Z\tnode-a".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private final PasswordSource password = PasswordSource.of(SECRET.toCharArray());

    @Test
    void createWritesAuditKeyOne() {
        Path file = dir.resolve("keys.bcfks");
        KeyFiles.create(file, password);

        KeyRing ring = KeyRing.load(file, password);

        assertEquals(1, ring.auditKey().keyId());
        assertEquals(new TreeSet<>(List.of(1)), ring.auditKeyIds());
        assertEquals(AuditMac.MAC_BYTES, ring.auditKey().mac(LINE).length);
        assertArrayEquals(ring.auditKey().mac(LINE), KeyRing.load(file, password).auditKey().mac(LINE),
                "same key after a reload");
    }

    @Test
    void twoPartMacEqualsMacOfConcatenation() {
        AuditMac mac = KeyRing.forTesting(new SecureRandom()).auditKey();
        byte[] joined = Arrays.copyOf(PREV, PREV.length + LINE.length);
        System.arraycopy(LINE, 0, joined, PREV.length, LINE.length);

        assertArrayEquals(mac.mac(joined), mac.mac(PREV, LINE));
        assertArrayEquals(mac.mac(joined), mac.mac(PREV, LINE), "the per-thread Mac is reset after each use");
    }

    @Test
    void auditKeyDiffersFromIndexKey() throws Exception {
        Path file = dir.resolve("keys.bcfks");
        KeyFiles.create(file, password);
        KeyRing ring = KeyRing.load(file, password);

        assertFalse(Arrays.equals(ring.blindIndex().mac(LINE), ring.auditKey().mac(LINE)));
    }

    @Test
    void oldFileWithoutAuditKeyLoadsButAuditKeyNamesTheMissingAliasAndTheFix() {
        Path file = dir.resolve("old.bcfks");
        writeStore(file, new KeyAlias(KeyKind.DATA, 1), new KeyAlias(KeyKind.INDEX, 1));

        KeyRing ring = KeyRing.load(file, password);

        assertTrue(ring.auditKeyIds().isEmpty());
        assertTrue(ring.auditKey(1).isEmpty());
        KeystoreException e = assertThrows(KeystoreException.class, ring::auditKey);
        assertTrue(e.getMessage().contains("audit-1") && e.getMessage().contains("add-audit-key")
                && e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void addAuditKeyToOldFileKeepsDataAndIndexKeys() {
        Path file = dir.resolve("old.bcfks");
        writeStore(file, new KeyAlias(KeyKind.DATA, 1), new KeyAlias(KeyKind.INDEX, 1));
        KeyRing before = KeyRing.load(file, password);
        byte[] aad = "mg:{1}:r:ab".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = before.envelopes().seal(LINE, aad);

        assertEquals(1, KeyFiles.addAuditKey(file, password));

        KeyRing after = KeyRing.load(file, password);
        assertEquals(1, after.auditKey().keyId());
        assertArrayEquals(LINE, after.envelopes().open(sealed, aad));
        assertEquals(before.blindIndex().token("x", 16), after.blindIndex().token("x", 16));
    }

    @Test
    void addingASecondAuditKeySignsWithTheNewestAndKeepsTheOld() {
        Path file = dir.resolve("keys.bcfks");
        KeyFiles.create(file, password);
        byte[] oldTag = KeyRing.load(file, password).auditKey().mac(LINE);

        assertEquals(2, KeyFiles.addAuditKey(file, password));

        KeyRing ring = KeyRing.load(file, password);
        assertEquals(2, ring.auditKey().keyId());
        assertEquals(new TreeSet<>(List.of(1, 2)), ring.auditKeyIds());
        assertArrayEquals(oldTag, ring.auditKey(1).orElseThrow().mac(LINE));
        assertFalse(Arrays.equals(oldTag, ring.auditKey().mac(LINE)));
        assertEquals(List.of("data-1", "index-1", "audit-1", "audit-2"),
                KeyFiles.list(file, password).stream().map(KeyInfo::alias).toList());
    }

    @Test
    void toolAddsAuditKeyAndListsIt() throws Exception {
        Path file = dir.resolve("old.bcfks");
        writeStore(file, new KeyAlias(KeyKind.DATA, 1), new KeyAlias(KeyKind.INDEX, 1));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = Map.of("PW", SECRET);

        int added = KeystoreTool.run(new String[] {"add-audit-key", "--file", file.toString(), "--password-env", "PW"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env);
        int listed = KeystoreTool.run(new String[] {"list", "--file", file.toString(), "--password-env", "PW"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env);

        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, added, err.toString(StandardCharsets.UTF_8));
        assertEquals(0, listed, err.toString(StandardCharsets.UTF_8));
        assertTrue(printed.contains("added audit key 1"), printed);
        assertTrue(printed.lines().anyMatch(l -> l.startsWith("audit") && l.contains("audit-1")), printed);
        SecretKey key = BcfksFile.get(file, BcfksFile.read(file, SECRET.toCharArray()),
                new KeyAlias(KeyKind.AUDIT, 1), SECRET.toCharArray());
        assertFalse(printed.toLowerCase().contains(HexFormat.of().formatHex(key.getEncoded()).substring(0, 16)));
    }

    @Test
    void toStringShowsTheIdOnly() {
        assertEquals("AuditMac[keyId=1]", KeyRing.forTesting(new SecureRandom()).auditKey().toString());
    }

    /** A key file as older versions wrote it: only the given aliases. */
    private static void writeStore(Path file, KeyAlias... aliases) {
        var store = BcfksFile.empty();
        SecureRandom random = new SecureRandom();
        for (KeyAlias alias : aliases) {
            BcfksFile.put(store, alias, BcfksFile.generate(alias.kind(), random), SECRET.toCharArray());
        }
        BcfksFile.createNew(file, store, SECRET.toCharArray());
    }
}
