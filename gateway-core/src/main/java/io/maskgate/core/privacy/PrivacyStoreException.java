package io.maskgate.core.privacy;

/** Redis did not answer a privacy operation in time: retry it (every operation is idempotent). */
public final class PrivacyStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PrivacyStoreException(String operation, Throwable cause) {
        super("privacy store unavailable during " + operation
                + (cause == null ? "" : " (" + cause.getClass().getSimpleName() + ")"), cause);
    }
}
