package io.maskgate.core.audit;

import java.util.concurrent.CompletableFuture;

/**
 * The tamper-evident log of routing decisions (DESIGN.md section 5).
 *
 * <p><b>A routing decision never waits on the disk.</b> {@link #append} only hands the record to a
 * single writer thread through a bounded queue and returns at once. When the queue is full (the
 * disk has stalled for longer than the queue covers) the record is not taken: {@code append}
 * returns {@code false} and {@value AuditMetrics#QUEUE_FULL} counts it. The alternatives were
 * worse: blocking the relay's event loop turns a slow disk into a call outage, and an unbounded
 * queue turns it into an out-of-memory crash that loses every queued record. A caller that must not
 * route without an audit record can refuse on {@code false}; the relays log and continue.
 *
 * <p>Implementations are thread-safe.
 */
public interface DecisionLog extends AutoCloseable {

    /**
     * Queues {@code record} for writing; never blocks.
     *
     * @return {@code true} if accepted (it will be written, and {@link #close} waits for it);
     *     {@code false} if the queue is full or the log is closed or failed (counted)
     */
    boolean append(DecisionRecord record);

    /**
     * Queues an action on personal data (erasure, access, break-glass, retention) like a decision:
     * same queue, same chain. Callers that must not act without a record flush afterwards.
     *
     * @return as for {@link #append}
     */
    boolean appendAction(ActionRecord record);

    /**
     * Completes when every record accepted before this call is written and forced to disk
     * ({@code fsync}); completes exceptionally if the log failed. Not for the routing path.
     */
    CompletableFuture<Void> flush();

    /**
     * Stops accepting records, writes and forces every accepted one, and closes the file. Blocks
     * until done (bounded by the implementation's close timeout). Idempotent.
     */
    @Override
    void close();
}
