package io.maskgate.core.audit;

import java.nio.file.Path;

/** The decision log cannot be opened, continued, read or exported; the message names the file and why. */
public class AuditException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AuditException(String message) {
        super(message);
    }

    public AuditException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Reading or writing {@code file} failed at the I/O level. */
    public static AuditException io(String action, Path file, Throwable cause) {
        return new AuditException("cannot " + action + " audit log " + file + " (" + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")", cause);
    }

    /** The existing log's last line cannot be chained from: appending would make the chain unverifiable. */
    public static AuditException cannotContinue(Path file, String why) {
        return new AuditException("cannot continue audit log " + file + ": " + why
                + "; run 'audit-tool verify' on it and start a new file");
    }
}
