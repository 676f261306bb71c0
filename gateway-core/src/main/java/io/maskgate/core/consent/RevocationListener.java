package io.maskgate.core.consent;

/**
 * Told of every revocation on every node: the SIP relay ends live calls of the subject, the SMPP
 * relay refuses its queued messages. Called once per node per revocation, on the thread that
 * applied it locally or on a Redis I/O thread for one applied elsewhere: do not block; hand
 * slow work to your own executor. An exception thrown here is logged and does not stop the others.
 */
@FunctionalInterface
public interface RevocationListener {
    void onRevoked(Revocation revocation);
}
