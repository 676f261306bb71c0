package io.maskgate.sip.transport;

import io.micrometer.core.instrument.Timer;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How late each SIP event loop runs the work it is given. Every {@code interval} each loop gets a
 * task due at a known time, and how far past that time it ran is recorded in a timer.
 *
 * <p>Why: every message of a call waits in its loop's queue while the loop is busy, so a loop that
 * cannot keep up (too many calls per core, a GC pause, a host that stalls) adds that wait to every
 * call. The setup-latency histogram shows the sum of everything, the callee's network and ringing
 * included; this shows the gateway's own share, sampled at random moments as a message would
 * arrive. On a loop that keeps up it stays within a millisecond.
 *
 * <p>A tick is a single scheduled task that schedules the next one, so a loop blocked for a second
 * records one late tick, not a burst of catch-up ticks.
 */
final class LoopLagProbe implements AutoCloseable {

    /** Ten samples a second per loop: enough for a p99 per minute, nothing measurable in cost. */
    static final Duration DEFAULT_INTERVAL = Duration.ofMillis(100);

    private final List<Tick> ticks = new ArrayList<>();

    private LoopLagProbe() {
    }

    /** Starts a tick on every loop of {@code loops}; each records into {@code lag}. */
    static LoopLagProbe start(Iterable<EventExecutor> loops, Duration interval, Timer lag) {
        LoopLagProbe probe = new LoopLagProbe();
        for (EventExecutor loop : loops) {
            Tick tick = new Tick(loop, interval.toNanos(), lag);
            probe.ticks.add(tick);
            tick.schedule();
        }
        return probe;
    }

    @Override
    public void close() {
        ticks.forEach(Tick::stop);
    }

    private static final class Tick implements Runnable {
        private final EventExecutor loop;
        private final long intervalNanos;
        private final Timer lag;
        private volatile boolean stopped;
        private long dueNanos;

        Tick(EventExecutor loop, long intervalNanos, Timer lag) {
            this.loop = loop;
            this.intervalNanos = intervalNanos;
            this.lag = lag;
        }

        void schedule() {
            if (stopped || loop.isShuttingDown()) {
                return;
            }
            dueNanos = System.nanoTime() + intervalNanos;
            loop.schedule(this, intervalNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void run() {
            lag.record(Math.max(0, System.nanoTime() - dueNanos), TimeUnit.NANOSECONDS);
            schedule();
        }

        void stop() {
            stopped = true;
        }
    }
}
