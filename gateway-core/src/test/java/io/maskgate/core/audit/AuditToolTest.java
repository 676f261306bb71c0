package io.maskgate.core.audit;

import static io.maskgate.core.audit.AuditFixtures.editField;
import static io.maskgate.core.audit.AuditFixtures.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.keystore.KeyFiles;
import io.maskgate.keystore.KeyRing;
import io.maskgate.keystore.PasswordSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditToolTest {

    private static final String SECRET = "audit-tool-test-password";
    private static final Map<String, String> ENV = Map.of("MG_PW", SECRET);
    private static final PasswordSource PASSWORD = PasswordSource.of(SECRET.toCharArray());

    /** One key file for the class: creating a BCFKS file takes a moment. */
    @TempDir
    static Path keysDir;

    private static Path keys;

    @TempDir
    Path dir;

    private Path log;
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    @BeforeAll
    static void createKeys() {
        keys = keysDir.resolve("keys.bcfks");
        KeyFiles.create(keys, PASSWORD);
    }

    @BeforeEach
    void writeLog() {
        log = dir.resolve("decisions.log");
        append(KeyRing.load(keys, PASSWORD), 0, 20);
    }

    private void append(KeyRing ring, int from, int to) {
        try (FileDecisionLog writer = FileDecisionLog.open(log, ring.auditKey(), FileDecisionLogOptions.create(),
                new SimpleMeterRegistry())) {
            for (int i = from; i < to; i++) {
                writer.append(record(i));
            }
        }
    }

    @Test
    void verifyOk() {
        assertEquals(0, run("verify", "--log", log.toString(), "--keys", keys.toString(), "--password-env", "MG_PW"), err());

        assertTrue(out().startsWith("OK ") && out().contains("20 records, seq 1..20"), out());
        assertEquals("", err());
    }

    @Test
    void verifyNamesTheFirstBadLineAndExits1() throws IOException {
        editField(log, 7, 9, "rider-x");
        editField(log, 12, 9, "rider-y");

        assertEquals(1, run("verify", "--log", log.toString(), "--keys", keys.toString(), "--password-env", "MG_PW"));

        assertTrue(err().contains("BROKEN") && err().contains("TAG_MISMATCH at line 7 "), err());
        assertFalse(err().contains("rider-x"), "never prints field values: " + err());
    }

    @Test
    void exportThenVerifyTheEvidence() {
        Path evidence = dir.resolve("evidence.log");

        assertEquals(0, run("export", "--log", log.toString(), "--keys", keys.toString(), "--password-env", "MG_PW",
                "--from", "5", "--to", "9", "--out", evidence.toString()), err());
        assertTrue(out().contains("exported 5 records, seq 5..9"), out());
        assertEquals(0, run("verify", "--log", evidence.toString(), "--keys", keys.toString(), "--password-env", "MG_PW",
                "--evidence"), err());
        assertTrue(out().contains("5 records") && out().contains("anchor after seq 4"), out());
        assertEquals(1, run("verify", "--log", evidence.toString(), "--keys", keys.toString(), "--password-env", "MG_PW"),
                "evidence is not a whole log");
        assertTrue(err().contains("ANCHOR"), err());
    }

    @Test
    void exportByTime() {
        Path evidence = dir.resolve("evidence.log");

        assertEquals(0, run("export", "--log", log.toString(), "--keys", keys.toString(), "--password-env", "MG_PW",
                "--from", "2025-06-01T10:00:10Z", "--to", "2025-06-01T10:00:12Z", "--out", evidence.toString()), err());

        assertTrue(out().contains("exported 3 records, seq 11..13"), out());
    }

    @Test
    void logSpanningAnAuditKeyRotationVerifies() throws IOException {
        Path rotated = dir.resolve("rotated.bcfks");
        java.nio.file.Files.copy(keys, rotated);
        assertEquals(2, KeyFiles.addAuditKey(rotated, PASSWORD));
        append(KeyRing.load(rotated, PASSWORD), 20, 25);

        assertEquals(0, run("verify", "--log", log.toString(), "--keys", rotated.toString(), "--password-env", "MG_PW"), err());
        assertTrue(out().contains("25 records"), out());
        assertEquals(1, run("verify", "--log", log.toString(), "--keys", keys.toString(), "--password-env", "MG_PW"));
        assertTrue(err().contains("UNKNOWN_KEY at line 21"), err());
    }

    @Test
    void wrongPasswordExits3WithoutEchoingIt() {
        int code = AuditTool.run(new String[] {"verify", "--log", log.toString(), "--keys", keys.toString(),
                "--password-env", "PW"}, stream(outBytes), stream(errBytes), Map.of("PW", "not-it"));

        assertEquals(3, code);
        assertTrue(err().contains("wrong password"), err());
        assertFalse(err().contains("not-it"));
    }

    @Test
    void badCommandLinesExit2() {
        assertEquals(2, run());
        assertEquals(2, run("shred", "--log", "x"));
        assertEquals(2, run("verify", "--keys", "k", "--password-env", "MG_PW"));
        assertEquals(2, run("verify", "--log", "l", "--keys", "k"));
        assertEquals(2, run("verify", "--log", "l", "--keys", "k", "--password-env", "MG_PW", "--colour", "red"));
        assertTrue(err().contains("unknown option: --colour") && err().contains("usage:"), err());
        assertEquals(2, run("export", "--log", "l", "--keys", "k", "--password-env", "MG_PW", "--from", "1",
                "--to", "2025-06-01T10:00:00Z", "--out", "o"));
        assertEquals(2, run("export", "--log", "l", "--keys", "k", "--password-env", "MG_PW", "--from", "9",
                "--to", "3", "--out", "o"));
        assertTrue(err().contains("invalid range"), err());
        assertEquals(0, run("--help"));
    }

    private int run(String... args) {
        outBytes.reset();
        errBytes.reset();
        return AuditTool.run(args, stream(outBytes), stream(errBytes), ENV);
    }

    private static PrintStream stream(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }
}
