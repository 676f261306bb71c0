package io.maskgate.keystore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/** The implementations behind {@link PasswordSource}'s factories; the env map is injectable for the CLI's tests. */
final class PasswordSources {

    private PasswordSources() {
    }

    static PasswordSource fromEnv(String variableName, Map<String, String> env) {
        Objects.requireNonNull(variableName, "variableName");
        String value = env.get(variableName);
        if (value == null || value.isEmpty()) {
            throw KeystoreException.passwordVariableMissing(variableName);
        }
        return new Named("env:" + variableName, value.toCharArray());
    }

    static PasswordSource fromFile(Path file) {
        Objects.requireNonNull(file, "file");
        return new PasswordSource() {
            @Override
            public char[] password() {
                return readFile(file);
            }

            @Override
            public String toString() {
                return "PasswordSource[file:" + file + "]";
            }
        };
    }

    static PasswordSource of(char[] password) {
        Objects.requireNonNull(password, "password");
        if (password.length == 0) {
            throw new KeystoreException("the key file password must not be empty");
        }
        return new Named("in-memory", password.clone());
    }

    private static char[] readFile(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw KeystoreException.passwordFileUnusable(file, "cannot read it (" + KeystoreException.describe(e) + ")", e);
        }
        try {
            char[] chars = decode(bytes, file);
            int end = chars.length;
            while (end > 0 && (chars[end - 1] == '\n' || chars[end - 1] == '\r')) {
                end--;
            }
            char[] trimmed = Arrays.copyOf(chars, end);
            Arrays.fill(chars, '\0');
            if (trimmed.length == 0) {
                throw KeystoreException.passwordFileUnusable(file, "it is empty", null);
            }
            return trimmed;
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static char[] decode(byte[] bytes, Path file) {
        try {
            CharBuffer buffer = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            char[] chars = new char[buffer.remaining()];
            buffer.get(chars);
            Arrays.fill(buffer.array(), '\0');
            return chars;
        } catch (CharacterCodingException e) {
            throw KeystoreException.passwordFileUnusable(file, "it is not valid UTF-8", e);
        }
    }

    /** Holds a copy in memory; toString names where it came from, never the value. */
    private static final class Named implements PasswordSource {
        private final String origin;
        private final char[] value;

        Named(String origin, char[] value) {
            this.origin = origin;
            this.value = value;
        }

        @Override
        public char[] password() {
            return value.clone();
        }

        @Override
        public String toString() {
            return "PasswordSource[" + origin + "]";
        }
    }
}
