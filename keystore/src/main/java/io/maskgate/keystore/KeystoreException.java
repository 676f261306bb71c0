package io.maskgate.keystore;

import java.nio.file.Path;

/**
 * A key file or password could not be used. The message names the file, variable or key id and
 * what is wrong with it; it never contains a password or key bytes.
 *
 * <p>Unchecked on purpose: a gateway that cannot load its keys cannot start, and there is nothing
 * a caller could do with a checked exception but rethrow it.
 */
public class KeystoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KeystoreException(String message) {
        super(message);
    }

    public KeystoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The key file does not exist or is not a regular file. */
    public static KeystoreException noSuchFile(Path file) {
        return new KeystoreException("key file " + file + " does not exist or is not a regular file");
    }

    /** The file exists but could not be read, decrypted or verified. */
    public static KeystoreException cannotOpen(Path file, Throwable cause) {
        return new KeystoreException("cannot open key file " + file
                + ": wrong password, not a BCFKS key store, or damaged (" + describe(cause) + ")", cause);
    }

    /** The file opened but its entries are not what MaskGate needs. */
    public static KeystoreException invalidContent(Path file, String what) {
        return new KeystoreException("key file " + file + " is not usable: " + what);
    }

    /** Creating or replacing the key file failed. */
    public static KeystoreException cannotWrite(Path file, Throwable cause) {
        return new KeystoreException("cannot write key file " + file + " (" + describe(cause) + ")", cause);
    }

    /** {@link KeyFiles#create} refuses to overwrite keys: doing so would make every stored value unreadable. */
    public static KeystoreException alreadyExists(Path file) {
        return new KeystoreException("key file " + file
                + " already exists; refusing to overwrite it (existing data would become unreadable)");
    }

    /** The password environment variable is unset or empty. */
    public static KeystoreException passwordVariableMissing(String variableName) {
        return new KeystoreException("environment variable " + variableName
                + " holding the key file password is unset or empty");
    }

    /** The password file is missing, unreadable or empty. */
    public static KeystoreException passwordFileUnusable(Path file, String what, Throwable cause) {
        return new KeystoreException("password file " + file + " is not usable: " + what, cause);
    }

    /** The JCA lacks an algorithm the JDK is required to have; a broken runtime, not bad input. */
    static KeystoreException cryptoUnavailable(String what, Throwable cause) {
        return new KeystoreException("crypto provider cannot do " + what + " (" + describe(cause) + ")", cause);
    }

    /**
     * A cause's class and message. Library messages about key stores name files and algorithms, not
     * passwords, so they are safe to repeat and often say what exactly failed.
     */
    static String describe(Throwable cause) {
        if (cause == null) {
            return "no cause";
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
