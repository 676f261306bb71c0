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
    private final List<ScheduledFuture<?>> timers = new ArrayList<>(3);

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
        timers.removeIf(ScheduledFuture::isDone);
        timers.add(loop.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS));
    }

    /** Cancels every timer of this transaction (it stays in its state and in the table). */
    final void cancelTimers() {
        timers.forEach(t -> t.cancel(false));
        timers.clear();
    }

    /** Moves to Terminated, cancels every timer and leaves the table. Idempotent. */
    final void terminate() {
        if (state == TransactionState.TERMINATED) {
            return;
        }
        state = TransactionState.TERMINATED;
        timers.forEach(t -> t.cancel(false));
        timers.clear();
        leaveTable();
    }

    abstract void leaveTable();
}
