package io.maskgate.core.concurrent;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.Timer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link CompletableFuture#orTimeout} for the per-message paths, at a fraction of its cost.
 *
 * <p>The JDK's version schedules on one process-wide {@code ScheduledThreadPoolExecutor}: every
 * arm and every cancel (the future completed in time, nearly always) takes its lock, reorders
 * its heap and often wakes a waiting thread. A relayed SMS arms several such backstops, from the
 * Redis event loop and the SMPP workers at once, and profiles showed that lock, not the work.
 * A hashed wheel arms and cancels through lock-free queues and wakes nobody; its thread reads
 * them once per tick. The price is resolution: a timeout fires up to {@link #TICK_MILLIS} late,
 * which is nothing against the second-scale timeouts it is used for.
 */
public final class Timeouts {
    /** Resolution of the wheel; timeouts fire up to this much after their due time. */
    public static final long TICK_MILLIS = 10;
    private static final int TICKS_PER_WHEEL = 1024;
    private static final Timer TIMER = new HashedWheelTimer(daemon(), TICK_MILLIS, TimeUnit.MILLISECONDS,
            TICKS_PER_WHEEL);

    private Timeouts() {}

    /**
     * Completes {@code future} exceptionally with a {@link TimeoutException} unless it completes
     * within {@code millis} (at least 0), as {@link CompletableFuture#orTimeout} does; returns it.
     */
    public static <T> CompletableFuture<T> orTimeout(CompletableFuture<T> future, long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("millis must be >= 0: " + millis);
        }
        if (future.isDone()) {
            return future;
        }
        Timeout timeout = TIMER.newTimeout(t -> future.completeExceptionally(new TimeoutException()), millis,
                TimeUnit.MILLISECONDS);
        future.whenComplete((value, error) -> timeout.cancel());
        return future;
    }

    private static ThreadFactory daemon() {
        return runnable -> {
            Thread thread = new Thread(runnable, "maskgate-timeouts");
            thread.setDaemon(true);
            return thread;
        };
    }
}
