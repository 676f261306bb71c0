package io.maskgate.core.audit;

import java.util.Objects;

/**
 * One line of the decision log as written: the record, the sequence number and node the writer
 * stamped on it, and the chain tag.
 *
 * @param seq position in the chain, 1 for the first record after the genesis value, +1 per line
 * @param node the gateway node that wrote the line
 * @param record the decision, or an administrative action ({@link ActionRecord})
 * @param keyId the audit key the tag was made with (alias {@code audit-<keyId>})
 * @param mac {@code HMAC-SHA256(audit key, previous tag || canonical bytes of this line)}, base64url
 *     without padding as in the file
 */
public record AuditEntry(long seq, String node, LogRecord record, int keyId, String mac) {

    public AuditEntry {
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be positive, was " + seq);
        }
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(mac, "mac");
    }
}
