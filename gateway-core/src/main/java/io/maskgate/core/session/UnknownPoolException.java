package io.maskgate.core.session;

/** The request names a pool that conf does not define. 400 on the API. */
public final class UnknownPoolException extends SessionStoreException {
    private final String pool;

    public UnknownPoolException(String pool) {
        super("unknown pool '" + pool + "'", null);
        this.pool = pool;
    }

    public String pool() {
        return pool;
    }
}
