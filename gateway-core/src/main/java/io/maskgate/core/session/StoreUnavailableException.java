package io.maskgate.core.session;

/** The store did not answer (down, timed out, queue full). Callers refuse: 503 / ESME_RSYSERR. */
public final class StoreUnavailableException extends SessionStoreException {
    public StoreUnavailableException(String operation, Throwable cause) {
        super("session store unavailable during " + operation
                + (cause == null ? "" : ": " + cause.getClass().getSimpleName()), cause);
    }
}
