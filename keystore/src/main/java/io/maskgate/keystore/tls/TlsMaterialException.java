package io.maskgate.keystore.tls;

import io.maskgate.keystore.KeystoreException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A PEM file for TLS could not be used. {@link #part()} says which of the files it was, so that the
 * caller can name its conf key; the message names the file and what is wrong, never key bytes.
 */
public final class TlsMaterialException extends KeystoreException {

    private static final long serialVersionUID = 1L;

    /** Which file of the TLS material was at fault. */
    public enum Part { CERTIFICATE, PRIVATE_KEY, TRUSTED_CAS }

    private final Part part;

    private TlsMaterialException(Part part, String message, Throwable cause) {
        super(message, cause);
        this.part = Objects.requireNonNull(part, "part");
    }

    public Part part() {
        return part;
    }

    static TlsMaterialException unreadable(Part part, Path file, Throwable cause) {
        return new TlsMaterialException(part, "cannot read PEM file " + file + " ("
                + cause.getClass().getSimpleName() + ")", cause);
    }

    static TlsMaterialException invalid(Part part, Path file, String what) {
        return new TlsMaterialException(part, "PEM file " + file + " is not usable: " + what, null);
    }

    static TlsMaterialException keyDoesNotMatch(Path key, Path certificate) {
        return new TlsMaterialException(Part.PRIVATE_KEY, "private key " + key
                + " does not belong to the certificate in " + certificate, null);
    }
}
