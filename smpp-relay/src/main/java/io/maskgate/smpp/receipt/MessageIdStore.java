package io.maskgate.smpp.receipt;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The map from an upstream SMSC's message id to the {@link ReceiptRoute} of the ESME's message
 * (DESIGN.md section 7). Keyed by SMSC name + upstream id, not by bind: a receipt may come back on
 * any bind to that SMSC. Entries expire after a TTL; a receipt later than that is not matched.
 *
 * <p>Futures never throw to the caller: they fail with {@link MessageIdStoreException} when the
 * store cannot answer, which the relay turns into a transient error so the SMSC retries.
 */
public interface MessageIdStore extends AutoCloseable {
    CompletableFuture<Void> put(String smscName, String upstreamMessageId, ReceiptRoute route);

    /**
     * As {@link #put(String, String, ReceiptRoute)}, tagged with the session the message belongs to
     * so that erasing the session's subject can find and delete the entry. Stores without erasure
     * (in memory, one node) ignore the tag.
     */
    default CompletableFuture<Void> put(String smscName, String upstreamMessageId, ReceiptRoute route,
            io.maskgate.core.session.SessionId session) {
        return put(smscName, upstreamMessageId, route);
    }

    /** Empty when no entry exists (never stored, expired, or unreadable). */
    CompletableFuture<Optional<ReceiptRoute>> find(String smscName, String upstreamMessageId);

    @Override
    default void close() {
        // most stores borrow their connection
    }
}
