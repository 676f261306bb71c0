package io.maskgate.core.session;

/**
 * Base of the session store's errors. Messages never contain a real number: they name the pool,
 * the session id or the operation.
 */
public abstract class SessionStoreException extends RuntimeException {
    protected SessionStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
