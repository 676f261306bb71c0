package io.maskgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureStderr() {
        originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(originalErr);
    }

    @Test
    void validateAcceptsTheShippedConf() {
        assertEquals(0, Main.run(new String[] {"validate", "--conf", "../conf/gateway.yaml"}));
        assertTrue(stderr().contains("is valid"), stderr());
    }

    @Test
    void validateRejectsABadValueNamingItsKey() throws Exception {
        Path conf = badConf();
        assertEquals(1, Main.run(new String[] {"validate", "--conf", conf.toString()}));
        assertTrue(stderr().contains("store.redis.commandTimeoutMs: must be between 10 and 60000, was 0"), stderr());
    }

    @Test
    void startWithABadConfExitsWith2NamingTheKey() throws Exception {
        assertEquals(2, Main.run(new String[] {"--conf=" + badConf()}));
        assertTrue(stderr().contains("store.redis.commandTimeoutMs:"), stderr());
    }

    @Test
    void missingConfFileIsNamed() {
        Path missing = dir.resolve("nope.yaml");
        assertEquals(2, Main.run(new String[] {"--conf", missing.toString()}));
        assertTrue(stderr().contains(missing + ": cannot read"), stderr());
    }

    @Test
    void unknownArgumentPrintsUsage() {
        assertEquals(1, Main.run(new String[] {"--verbose"}));
        assertTrue(stderr().contains("usage:"), stderr());
    }

    private Path badConf() throws Exception {
        Path conf = dir.resolve("gateway.yaml");
        Files.writeString(conf, TestConfs.yaml(dir, "redis://127.0.0.1:6390")
                .replace("commandTimeoutMs: 200", "commandTimeoutMs: 0"));
        return conf;
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
