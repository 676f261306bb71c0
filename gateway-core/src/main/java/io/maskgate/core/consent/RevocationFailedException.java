package io.maskgate.core.consent;

/**
 * A revocation took effect on this node (its caches and listeners) but could not be written to
 * Redis, so other nodes may not know: answer the webhook with a retryable error so the platform
 * sends it again.
 */
public class RevocationFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RevocationFailedException(Throwable cause) {
        super("revocation not shared with other nodes: " + cause.getClass().getSimpleName(), cause);
    }
}
