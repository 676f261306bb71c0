package io.maskgate.keystore;

import java.nio.file.Path;

/**
 * Where the key file password comes from. Never from the conf file itself: an operator points at an
 * environment variable or a file readable only by the gateway's user.
 *
 * <p>{@link #password()} returns a fresh array on every call; the caller owns it and should zero it
 * ({@code Arrays.fill(pw, '\0')}) as soon as it is used, which everything in this module does.
 */
public interface PasswordSource {

    /**
     * @return a new copy of the password; never empty
     * @throws KeystoreException if the source can no longer supply it (names the source, not the value)
     */
    char[] password();

    /**
     * Reads the password from an environment variable, which must be set and non-empty now.
     *
     * @throws KeystoreException naming the variable if it is unset or empty
     */
    static PasswordSource fromEnv(String variableName) {
        return PasswordSources.fromEnv(variableName, System.getenv());
    }

    /**
     * Reads the password from a UTF-8 file each time it is asked for; trailing CR/LF characters are
     * trimmed so that {@code echo secret > file} works.
     */
    static PasswordSource fromFile(Path file) {
        return PasswordSources.fromFile(file);
    }

    /** A password held in memory (a copy of the given array); for tests and the CLI. */
    static PasswordSource of(char[] password) {
        return PasswordSources.of(password);
    }
}
