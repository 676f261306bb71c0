package io.maskgate.core.audit;

import io.maskgate.keystore.AuditMac;

/**
 * The chain rule shared by the writer and the verifier: each line's tag is
 * {@code HMAC-SHA256(audit key, previous tag || canonical bytes of the line)}, and the first line
 * of a log chains from {@link #GENESIS}.
 *
 * <p>Because each tag covers the previous one, editing, dropping, inserting or reordering any line
 * changes every later expected tag; without the audit key nobody can compute tags that match
 * again. The sequence number inside the canonical bytes lets the verifier say which of those
 * happened.
 */
final class AuditChain {

    /** What the first record chains from: 32 zero bytes, fixed so any verifier can start. */
    static final byte[] GENESIS = new byte[AuditMac.MAC_BYTES];

    private AuditChain() {
    }

    static byte[] next(AuditMac key, byte[] previousMac, String canonical) {
        return key.mac(previousMac, AuditLineFormat.bytes(canonical));
    }

    static boolean isGenesis(byte[] mac) {
        return java.security.MessageDigest.isEqual(GENESIS, mac);
    }
}
