package io.maskgate.keystore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordSourceTest {

    @TempDir
    Path dir;

    @Test
    void fromEnvMissingVariableIsNamed() {
        String name = "MASKGATE_TEST_SURELY_UNSET_" + System.nanoTime();

        KeystoreException e = assertThrows(KeystoreException.class, () -> PasswordSource.fromEnv(name));

        assertTrue(e.getMessage().contains(name), e.getMessage());
    }

    @Test
    void fromEnvEmptyVariableIsNamed() {
        KeystoreException e = assertThrows(KeystoreException.class,
                () -> PasswordSources.fromEnv("MG_KEY_PASSWORD", Map.of("MG_KEY_PASSWORD", "")));

        assertTrue(e.getMessage().contains("MG_KEY_PASSWORD") && e.getMessage().contains("unset or empty"), e.getMessage());
    }

    @Test
    void fromEnvReadsVariable() {
        PasswordSource source = PasswordSources.fromEnv("MG_KEY_PASSWORD", Map.of("MG_KEY_PASSWORD", "s3cret"));

        assertArrayEquals("s3cret".toCharArray(), source.password());
        assertEquals("PasswordSource[env:MG_KEY_PASSWORD]", source.toString());
    }

    @Test
    void fromFileTrimsTrailingNewlines() throws IOException {
        Path file = dir.resolve("pw");
        Files.writeString(file, "pässwörd with space \r\n\n", StandardCharsets.UTF_8);

        PasswordSource source = PasswordSource.fromFile(file);

        assertArrayEquals("pässwörd with space ".toCharArray(), source.password());
        assertFalse(source.toString().contains("pässwörd"), source.toString());
    }

    @Test
    void fromFileMissingOrEmptyIsNamed() throws IOException {
        Path missing = dir.resolve("missing");
        Path empty = dir.resolve("empty");
        Files.writeString(empty, "\n");

        KeystoreException e1 = assertThrows(KeystoreException.class, () -> PasswordSource.fromFile(missing).password());
        KeystoreException e2 = assertThrows(KeystoreException.class, () -> PasswordSource.fromFile(empty).password());

        assertTrue(e1.getMessage().contains(missing.toString()), e1.getMessage());
        assertTrue(e2.getMessage().contains(empty.toString()) && e2.getMessage().contains("empty"), e2.getMessage());
    }

    @Test
    void fromFileRejectsInvalidUtf8() throws IOException {
        Path file = dir.resolve("pw");
        Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 'a'});

        KeystoreException e = assertThrows(KeystoreException.class, () -> PasswordSource.fromFile(file).password());

        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void ofCopiesAndHandsOutCopies() {
        char[] original = "hunter2".toCharArray();
        PasswordSource source = PasswordSource.of(original);
        Arrays.fill(original, '\0');

        char[] first = source.password();
        Arrays.fill(first, '\0');
        char[] second = source.password();

        assertNotSame(first, second);
        assertArrayEquals("hunter2".toCharArray(), second);
        assertEquals("PasswordSource[in-memory]", source.toString());
    }

    @Test
    void emptyPasswordIsRejected() {
        assertThrows(KeystoreException.class, () -> PasswordSource.of(new char[0]));
    }
}
