package io.maskgate.tests;

/** What an {@code @AfterAll} does with the processes a test class started, whichever of them got started. */
final class Teardown {

    private Teardown() {
    }

    /**
     * Closes each non-null resource in order and tries every one even when an earlier close fails,
     * so a failed stop does not leave a gateway or redis-server running; then rethrows the first
     * failure, with the later ones suppressed on it.
     */
    static void closeAll(AutoCloseable... resources) throws Exception {
        Exception first = null;
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
