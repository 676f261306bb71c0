package io.maskgate.core.session;

/** Every number of the pool is already used by one of the two participants (or the pool is empty). 409 on the API. */
public final class PoolExhaustedException extends SessionStoreException {
    private final String pool;

    public PoolExhaustedException(String pool) {
        super("no free proxy number in pool '" + pool + "' for these participants", null);
        this.pool = pool;
    }

    public String pool() {
        return pool;
    }
}
