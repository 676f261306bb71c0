package io.maskgate.keystore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeystoreToolTest {

    private static final String SECRET = "tool-test-password";
    private static final Map<String, String> ENV = Map.of("MG_KEYS_PW", SECRET);

    @TempDir
    Path dir;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    @Test
    void initRotateListWithPasswordFromEnv() {
        Path file = dir.resolve("keys.bcfks");

        assertEquals(0, run("init", "--file", file.toString(), "--password-env", "MG_KEYS_PW"));
        assertEquals(0, run("rotate", "--file", file.toString(), "--password-env", "MG_KEYS_PW"));
        assertTrue(out().contains("added data key 2"), out());
        assertEquals(0, run("list", "--file", file.toString(), "--password-env", "MG_KEYS_PW"));

        List<String> lines = out().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("data") && l.contains("data-1") && !l.contains("current")), out());
        assertTrue(lines.stream().anyMatch(l -> l.contains("data-2") && l.endsWith("(current)")), out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("index") && l.contains("index-1")), out());
        assertTrue(out().matches("(?s).*\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}.*Z.*"), out());
        assertEquals("", err());
        assertEquals(new TreeSet<>(List.of(1, 2)), KeyRing.load(file, PasswordSource.of(SECRET.toCharArray())).dataKeyIds());
    }

    @Test
    void listNeverPrintsKeyBytesOrPassword() throws Exception {
        Path file = dir.resolve("keys.bcfks");
        run("init", "--file", file.toString(), "--password-env", "MG_KEYS_PW");
        run("list", "--file", file.toString(), "--password-env", "MG_KEYS_PW");

        var store = BcfksFile.read(file, SECRET.toCharArray());
        for (String alias : List.of("data-1", "index-1")) {
            SecretKey key = BcfksFile.get(file, store, KeyAlias.parse(alias).orElseThrow(), SECRET.toCharArray());
            String hex = HexFormat.of().formatHex(key.getEncoded());
            assertFalse(out().toLowerCase().contains(hex.substring(0, 16)), alias);
        }
        assertFalse(out().contains(SECRET) || err().contains(SECRET));
    }

    @Test
    void passwordFromFile() throws IOException {
        Path file = dir.resolve("keys.bcfks");
        Path pw = dir.resolve("pw.txt");
        Files.writeString(pw, SECRET + "\n");

        assertEquals(0, run("init", "--file", file.toString(), "--password-file", pw.toString()));

        assertEquals(1, KeyRing.load(file, PasswordSource.of(SECRET.toCharArray())).currentDataKeyId());
    }

    @Test
    void initRefusesExistingFileWithExit1() throws IOException {
        Path file = dir.resolve("keys.bcfks");
        run("init", "--file", file.toString(), "--password-env", "MG_KEYS_PW");
        byte[] before = Files.readAllBytes(file);

        assertEquals(1, run("init", "--file", file.toString(), "--password-env", "MG_KEYS_PW"));

        assertTrue(err().contains("already exists"), err());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void wrongPasswordExits1WithoutEchoingIt() {
        Path file = dir.resolve("keys.bcfks");
        run("init", "--file", file.toString(), "--password-env", "MG_KEYS_PW");

        int code = KeystoreTool.run(new String[] {"list", "--file", file.toString(), "--password-env", "PW"},
                new PrintStream(outBytes, true, StandardCharsets.UTF_8), new PrintStream(errBytes, true, StandardCharsets.UTF_8),
                Map.of("PW", "not-the-password"));

        assertEquals(1, code);
        assertTrue(err().contains("wrong password") && err().contains(file.toString()), err());
        assertFalse(err().contains("not-the-password"), err());
    }

    @Test
    void missingEnvVariableExits1NamingIt() {
        assertEquals(1, run("init", "--file", dir.resolve("k").toString(), "--password-env", "NOT_SET_HERE"));

        assertTrue(err().contains("NOT_SET_HERE"), err());
        assertFalse(Files.exists(dir.resolve("k")));
    }

    @Test
    void badCommandLinesExit2() {
        String file = dir.resolve("k").toString();
        assertEquals(2, run());
        assertEquals(2, run("explode", "--file", file, "--password-env", "MG_KEYS_PW"));
        assertEquals(2, run("init", "--password-env", "MG_KEYS_PW"));
        assertEquals(2, run("init", "--file", file));
        assertEquals(2, run("init", "--file", file, "--password-env", "MG_KEYS_PW", "--password-file", "p"));
        assertEquals(2, run("init", "--file", file, "--password-env"));
        assertEquals(2, run("init", "--file", file, "--colour", "blue"));
        assertTrue(err().contains("unknown option: --colour") && err().contains("usage:"), err());
        assertFalse(Files.exists(dir.resolve("k")));
    }

    @Test
    void helpExits0() {
        assertEquals(0, run("--help"));
        assertEquals(0, run("init", "--help"));

        assertTrue(out().contains("usage:") && out().contains("rotate"), out());
    }

    private int run(String... args) {
        return KeystoreTool.run(args, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8), ENV);
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }
}
