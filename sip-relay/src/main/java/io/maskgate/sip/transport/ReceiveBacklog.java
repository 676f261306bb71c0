package io.maskgate.sip.transport;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How full the SIP UDP sockets' receive queues are: the largest share of its receive buffer that
 * any one of them holds unread, read from {@link ProcNetUdp} every sample interval on a thread of
 * its own (the event loops are the ones that may be behind).
 *
 * <p>Why: a relay that falls behind makes its own overload worse. A datagram that waits in the
 * queue is a request or an answer the relay has not seen yet, so its own retransmission timers
 * fire for answers that did arrive, and each retransmission makes the peer answer again, into the
 * same queue. Meanwhile the callers' T1 runs out and they retransmit too, and once the buffer is
 * full the kernel drops what comes next, which brings more retransmissions. RFC 6357 (SIP overload
 * control) describes this collapse. The queue's fill is the earliest sign of it that does not depend
 * on the loops keeping up, so {@link ReceiveBacklogOptions} turns it into two reactions: holding back
 * the relay's own retransmissions, and answering a share of new INVITEs 503 before any work is
 * spent on them (the loss-based approach of RFC 7339, with the share set by the backlog here).
 *
 * <p>Where {@code /proc/net/udp} cannot be read (not Linux) or there is no UDP socket, the fill
 * stays 0 and nothing is held or shed.
 */
final class ReceiveBacklog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReceiveBacklog.class);
    /** However long the table takes to read, a sample at least every 5 s. */
    private static final long MAX_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final ProcNetUdp table;
    private final long bufferBytes;
    private volatile ReceiveBacklogOptions options;
    private final ScheduledExecutorService sampler;
    private volatile double fill;
    private volatile double shedShare;
    private volatile long intervalNanos;
    private boolean stretched;
    /** When the current run of samples at or over the shed percent began; -1 when the last was under. */
    private long overSinceNanos = -1;

    private ReceiveBacklog(ProcNetUdp table, long bufferBytes, ReceiveBacklogOptions options,
            ScheduledExecutorService sampler) {
        this.table = table;
        this.bufferBytes = bufferBytes;
        this.options = options;
        this.sampler = sampler;
    }

    /** Never behind: for transports without UDP sockets, or where the kernel's tables cannot be read. */
    static ReceiveBacklog none(ReceiveBacklogOptions options) {
        return new ReceiveBacklog(null, 1, options, null);
    }

    /**
     * Starts sampling.
     *
     * @param bufferBytes the smallest receive buffer of the sockets, as the kernel reports it (on
     *     Linux twice what was asked: the same unit as the queue in {@code /proc/net/udp})
     */
    static ReceiveBacklog start(ProcNetUdp table, long bufferBytes, ReceiveBacklogOptions options) {
        if (bufferBytes <= 0) {
            throw new IllegalArgumentException("bufferBytes must be > 0");
        }
        ScheduledExecutorService sampler =
                Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("sip-backlog", true));
        ReceiveBacklog backlog = new ReceiveBacklog(table, bufferBytes, options, sampler);
        sampler.execute(backlog::sampleAndReschedule);
        return backlog;
    }

    /**
     * Samples, then schedules the next sample after the sample interval, or after 100 times what
     * this read took if that is longer. The kernel lists every UDP socket of the host's network
     * namespace in {@code /proc/net/udp}; on a host that also runs an RTP relay with tens of
     * thousands of sockets, one read can take milliseconds, and sampling would then cost more
     * than the SIP loops it protects. This keeps the sampler under 1% of a core however long the
     * table, at the price of reacting more slowly there.
     */
    private void sampleAndReschedule() {
        long began = System.nanoTime();
        try {
            sample();
        } catch (RuntimeException e) {
            log.debug("SIP receive queue sample failed: {}", e.getClass().getSimpleName());
        }
        long read = System.nanoTime() - began;
        long next = Math.max(options.sampleInterval().toNanos(), Math.min(read * 100, MAX_INTERVAL_NANOS));
        if (next > 2 * options.sampleInterval().toNanos() && !stretched) {
            stretched = true;
            log.info("Reading /proc/net/udp took {} us: the SIP receive queues are sampled every {} ms",
                    read / 1_000, next / 1_000_000);
        }
        intervalNanos = next;
        try {
            sampler.schedule(this::sampleAndReschedule, next, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            // close() ran: no more samples
        }
    }

    /** Reads the queues now; the sampler thread calls this. */
    synchronized void sample() {
        table.read().ifPresent(this::update);
    }

    /** The delay before the next sample, as last set. */
    Duration interval() {
        return Duration.ofNanos(intervalNanos);
    }

    /**
     * New percents and delay (a conf reload); they apply from the next sample, and to the hold at
     * once. The sample interval stays as started.
     */
    void reconfigure(ReceiveBacklogOptions next) {
        options = Objects.requireNonNull(next, "next");
    }

    private void update(List<ProcNetUdp.Row> rows) {
        ReceiveBacklogOptions options = this.options;
        long deepest = 0;
        for (ProcNetUdp.Row row : rows) {
            deepest = Math.max(deepest, row.rxQueueBytes());
        }
        fill = (double) deepest / bufferBytes;
        long now = System.nanoTime();
        if (!reached(options.shedNewCallsPercent())) {
            overSinceNanos = -1;
        } else if (overSinceNanos < 0) {
            overSinceNanos = now;
        }
        boolean sustained = overSinceNanos >= 0 && now - overSinceNanos >= options.shedAfter().toNanos();
        double share = sustained ? share(fill, options.shedNewCallsPercent()) : 0;
        if ((share > 0) != (shedShare > 0)) {
            if (share > 0) {
                log.warn("SIP receive queue {}% full, at or over {}% for {} ms: new INVITEs{} get 503 until it is under",
                        percent(), options.shedNewCallsPercent(), options.shedAfter().toMillis(),
                        options.answerOptionsWith503() ? " and keep-alive OPTIONS" : "");
            } else {
                log.info("SIP receive queue down to {}%: new INVITEs admitted again", percent());
            }
        }
        shedShare = share;
    }

    /**
     * The share of new calls to refuse: (next to) none at {@code percent}, rising linearly to all
     * of them at twice that fill. A fixed cut-off refuses every call until the queue drains, then
     * admits every call until it fills again; refusing in proportion to the backlog kept the
     * admitted calls' setup time lower for as many calls (BENCHMARKS.md, "Stop 18"). At exactly
     * {@code percent} the share is the smallest above zero, so that shedding reads as begun.
     */
    static double share(double fill, int percent) {
        double start = percent / 100.0;
        if (percent == 0 || fill < start) {
            return 0;
        }
        return Math.min(1.0, Math.max(Double.MIN_VALUE, (fill - start) / start));
    }

    private long percent() {
        return Math.round(fill * 100);
    }

    /** The largest share of its buffer any SIP UDP socket held unread at the last sample (0 .. ~1). */
    double fill() {
        return fill;
    }

    /** The relay's own retransmissions wait: the answers they would ask for may be in the queue. */
    boolean holdRetransmissions() {
        return reached(options.holdRetransmissionsPercent());
    }

    /**
     * The share of new INVITEs to answer 503 at once (0 .. 1): above 0 once the queue has stayed at
     * or over the shed percent for {@code shedAfter}.
     */
    double shedShare() {
        return shedShare;
    }

    /**
     * True while new calls are shed and the operator asked for keep-alive OPTIONS to be answered 503
     * meanwhile (see {@link ReceiveBacklogOptions#answerOptionsWith503()}).
     */
    boolean answerOptionsWith503() {
        return shedShare > 0 && options.answerOptionsWith503();
    }

    private boolean reached(int percent) {
        return percent > 0 && fill * 100 >= percent;
    }

    @Override
    public void close() {
        if (sampler != null) {
            sampler.shutdownNow();
        }
    }
}
