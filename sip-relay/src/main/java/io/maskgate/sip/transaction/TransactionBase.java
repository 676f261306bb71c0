package io.maskgate.sip.transaction;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The parts every transaction shares: its event loop (the loop of its Call-ID, where all its state
 * changes run, so no locks), its state and its timers. Timers are scheduled on that loop; Netty
 * keeps them in one priority queue per loop, so there is no thread per call.
 */
abstract class TransactionBase {

    final TransactionContext ctx;
    final EventExecutor loop;
    final TransactionKey key;
    private volatile TransactionState state;
    /** Null until the first timer: most transactions only ever get their last one ({@link #terminateAfter}). */
    private List<ScheduledFuture<?>> timers;

    TransactionBase(TransactionContext ctx, EventExecutor loop, TransactionKey key, TransactionState initial) {
        this.ctx = ctx;
        this.loop = loop;
        this.key = key;
        this.state = initial;
    }

    public final TransactionState state() {
        return state;
    }

    final void state(TransactionState next) {
        this.state = next;
    }

    final boolean is(TransactionState s) {
        return state == s;
    }

    /** Runs on the transaction's loop: now when already there, else queued to it. */
    final void onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    /** Runs {@code task} after {@code delay} on the loop; a zero delay (reliable transports) runs it now. */
    final void after(Duration delay, Runnable task) {
        if (delay.isZero()) {
            task.run();
            return;
        }
        if (timers == null) {
            timers = new ArrayList<>(3);
        }
        timers.removeIf(ScheduledFuture::isDone);
        timers.add(loop.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS));
    }

    /**
     * The last timer (D, I, J, K, L): terminates after {@code wait}, batched with the others of this
     * loop ({@link LingerTimers}); a zero wait (reliable transports) terminates now. Runs on the loop.
     */
    final void terminateAfter(Duration wait) {
        if (wait.isZero()) {
            terminate();
            return;
        }
        ctx.lingering().terminateAfter(loop, wait, this);
    }

    /** Cancels every timer of this transaction (it stays in its state and in the table). */
    final void cancelTimers() {
        if (timers != null) {
            timers.forEach(t -> t.cancel(false));
            timers = null;
        }
    }

    /** Moves to Terminated, cancels every timer and leaves the table. Idempotent. */
    final void terminate() {
        if (state == TransactionState.TERMINATED) {
            return;
        }
        state = TransactionState.TERMINATED;
        cancelTimers();
        leaveTable();
    }

    abstract void leaveTable();
}
