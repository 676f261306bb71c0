package io.maskgate.sip.transaction;

import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The last timer of a transaction (RFC 3261 timers D, I, J, K and RFC 6026 timer L): the wait
 * in which it only absorbs retransmissions before it leaves the table.
 *
 * <p>Why not one scheduled task each: at 2,000 calls/s four transactions per call wait up to
 * 64*T1 = 32 s, so each loop's timer queue held ~70,000 tasks (a heap: every insert and cancel
 * walks it) and every young GC copied a task, a lambda and a timer list per transaction. Here
 * transactions that start the same wait on the same loop within one {@link #BATCH} share one
 * task, which ends them all {@code BATCH} after the last could have started: no wait is
 * shorter than the RFC asks, and at most {@code BATCH} longer, which the RFC allows (these are
 * lower bounds: a retransmission is answered a little longer, nothing else changes).
 *
 * <p>Everything per loop runs on that loop; only the map from loop to its batches is shared.
 */
final class LingerTimers {

    /** How long a batch takes members: also the most a wait is extended. */
    static final Duration BATCH = Duration.ofMillis(100);

    private final Map<EventExecutor, Map<Duration, List<TransactionBase>>> open = new ConcurrentHashMap<>();

    /** Ends {@code tx} (on {@code loop}, which must be the calling thread's) no sooner than {@code wait} from now. */
    void terminateAfter(EventExecutor loop, Duration wait, TransactionBase tx) {
        Map<Duration, List<TransactionBase>> batches = open.computeIfAbsent(loop, l -> new HashMap<>());
        List<TransactionBase> batch = batches.get(wait);
        if (batch == null) {
            List<TransactionBase> fresh = new ArrayList<>();
            batches.put(wait, fresh);
            long batchNanos = BATCH.toNanos();
            loop.schedule(() -> batches.remove(wait, fresh), batchNanos, TimeUnit.NANOSECONDS);
            loop.schedule(() -> fresh.forEach(TransactionBase::terminate), wait.toNanos() + batchNanos,
                    TimeUnit.NANOSECONDS);
            batch = fresh;
        }
        batch.add(tx);
    }
}
