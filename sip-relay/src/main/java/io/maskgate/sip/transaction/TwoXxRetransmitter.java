package io.maskgate.sip.transaction;

import io.maskgate.sip.codec.SipMessage;
import io.maskgate.sip.transport.SipConnection;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Retransmits a 2xx to INVITE until the ACK arrives (RFC 3261 section 13.3.1.4): the UAS core,
 * not the transaction, owns this, because the 2xx ends the INVITE server transaction. Intervals
 * start at T1 and double up to T2; after 64*T1 without {@link #ackReceived()} it stops and runs the
 * give-up action, where the TU should send BYE (section 13.3.1.4: "the UAS core SHOULD ... terminate
 * the dialog"). Retransmission happens over every transport: the hop may be reliable while the
 * path to the UAC is not.
 *
 * <p>Created by {@link TransactionLayer#retransmit2xx}; the first retransmission leaves T1 after
 * the TU sent the 2xx. While the transport is behind on what it received, a due retransmission is
 * skipped (the ACK may be waiting unread), and the schedule goes on. All work runs on the
 * transaction's event loop; {@link #ackReceived()} may be called from any thread.
 */
public final class TwoXxRetransmitter {

    private final EventExecutor loop;
    private final SipConnection connection;
    private final SipMessage response;
    private final long t2Nanos;
    private final Runnable onNoAck;
    private final TransactionMetrics metrics;
    private final BooleanSupplier mayRetransmit;
    private final long deadlineNanos;
    private long intervalNanos;
    private ScheduledFuture<?> next;
    private ScheduledFuture<?> deadline;
    private volatile boolean done;

    TwoXxRetransmitter(EventExecutor loop, SipConnection connection, SipMessage response, TransactionOptions options,
            Runnable onNoAck, TransactionMetrics metrics, BooleanSupplier mayRetransmit) {
        this.loop = loop;
        this.connection = connection;
        this.response = response;
        this.t2Nanos = options.t2().toNanos();
        this.onNoAck = Objects.requireNonNull(onNoAck, "onNoAck");
        this.metrics = metrics;
        this.mayRetransmit = Objects.requireNonNull(mayRetransmit, "mayRetransmit");
        this.intervalNanos = options.t1().toNanos();
        this.deadlineNanos = options.sixtyFourT1().toNanos();
    }

    /** Schedules the first retransmission and the give-up; runs on the loop. */
    void start() {
        loop.execute(() -> {
            schedule(intervalNanos);
            if (!done) {
                deadline = loop.schedule(this::giveUp, deadlineNanos, TimeUnit.NANOSECONDS);
            }
        });
    }

    private void schedule(long delayNanos) {
        if (!done) {
            next = loop.schedule(this::retransmit, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void retransmit() {
        if (done) {
            return;
        }
        if (mayRetransmit.getAsBoolean()) { // else the ACK may be waiting in the receive queue
            metrics.retransmittedOut();
            connection.send(response);
        }
        intervalNanos = Math.min(intervalNanos * 2, t2Nanos);
        schedule(intervalNanos);
    }

    private void giveUp() {
        if (done) {
            return;
        }
        done = true;
        metrics.timeout(TransactionMetrics.TIMER_2XX);
        onNoAck.run();
    }

    /** The ACK for the 2xx arrived: stop retransmitting. Idempotent. */
    public void ackReceived() {
        done = true;
        loop.execute(() -> {
            if (next != null) {
                next.cancel(false);
            }
            if (deadline != null) {
                deadline.cancel(false); // else the give-up task would sit in the loop's queue for 64*T1
            }
        });
    }

    /** True until the ACK arrived or the retransmitter gave up. */
    public boolean isRunning() {
        return !done;
    }

    /** The give-up time, for logs and tests. */
    Duration giveUpAfter() {
        return Duration.ofNanos(deadlineNanos);
    }

    @Override
    public String toString() {
        return "TwoXxRetransmitter[" + (done ? "done" : "running") + "]";
    }
}
