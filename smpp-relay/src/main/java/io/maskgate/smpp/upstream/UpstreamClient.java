package io.maskgate.smpp.upstream;

import io.maskgate.core.rate.TokenBucket;
import io.maskgate.smpp.message.SubmitRequest;
import io.maskgate.smpp.message.SubmitResult;
import io.maskgate.smpp.server.Threads;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import io.maskgate.smpp.metrics.SmppMetrics;
import java.util.ArrayList;
import java.util.Objects;

/**
 * The client face: keeps a transceiver bind to every configured upstream SMSC and submits on a
 * healthy one, round-robin. {@link #submit} never blocks its caller and holds no thread while
 * the SMSC answers (see {@link AsyncSubmitSession}); at most {@link UpstreamOptions#maxInFlight()}
 * submits are outstanding over all binds, and one beyond fails at once with
 * {@link UpstreamBusyException}.
 */
public final class UpstreamClient implements UpstreamSubmitter, AutoCloseable {
    private final UpstreamOptions options;
    private final List<Outlet> outlets;
    private final ScheduledThreadPoolExecutor scheduler;
    private final Semaphore inFlight;
    private final AtomicInteger next = new AtomicInteger();

    /**
     * @param deliverHandler receives every deliver_sm (MO messages, receipts) from every bind
     * @param metrics PDU counters and the per-SMSC {@value SmppMetrics#UPSTREAM_UP} gauge
     */
    public UpstreamClient(UpstreamOptions options, UpstreamDeliverHandler deliverHandler, SmppMetrics metrics) {
        this.options = Objects.requireNonNull(options, "options");
        Objects.requireNonNull(deliverHandler, "deliverHandler");
        List<Outlet> all = new ArrayList<>();
        this.scheduler = new ScheduledThreadPoolExecutor(Math.min(4, options.smscs().stream()
                .mapToInt(UpstreamSmsc::binds).sum()), Threads.named("smpp-upstream-connect"));
        for (UpstreamSmsc smsc : options.smscs()) {
            List<UpstreamBind> ofSmsc = new ArrayList<>();
            TokenBucket rate = smsc.submitRate().isUnlimited() ? null : new TokenBucket(smsc.submitRate(), System::nanoTime);
            for (int i = 0; i < smsc.binds(); i++) {
                UpstreamBind bind = new UpstreamBind(smsc, i, options, scheduler, deliverHandler, metrics);
                ofSmsc.add(bind);
                all.add(new Outlet(bind, rate));
            }
            metrics.upstreamGauge(smsc.name(), () -> ofSmsc.stream().anyMatch(UpstreamBind::isHealthy) ? 1 : 0);
        }
        this.outlets = List.copyOf(all);
        this.inFlight = new Semaphore(options.maxInFlight());
    }

    /** Starts connecting to every upstream; returns at once. */
    public void start() {
        outlets.forEach(o -> o.bind().start());
    }

    /** True when at least one upstream bind is up. */
    public boolean isHealthy() {
        return outlets.stream().anyMatch(o -> o.bind().isHealthy());
    }

    /** How many binds (over all SMSCs) are bound right now. */
    public int healthyBinds() {
        return (int) outlets.stream().filter(o -> o.bind().isHealthy()).count();
    }

    /**
     * Submits on the next healthy bind whose SMSC is within its submit rate. Fails (never throws)
     * with {@link UpstreamUnavailableException} when none is healthy, {@link UpstreamBusyException}
     * when every slot is taken or every healthy SMSC is at its rate, and
     * {@link UpstreamRejectedException} when the SMSC refuses.
     */
    @Override
    public CompletableFuture<SubmitResult> submit(SubmitRequest request) {
        if (!inFlight.tryAcquire()) {
            return CompletableFuture.failedFuture(isHealthy() ? UpstreamBusyException.slotsTaken(options.maxInFlight())
                    : UpstreamUnavailableException.noHealthyBind());
        }
        int n = outlets.size();
        int start = Math.floorMod(next.getAndIncrement(), n);
        for (int i = 0; i < n; i++) {
            Outlet o = outlets.get((start + i) % n);
            if (o.bind().isHealthy() && o.withinRate()) {
                return submitOn(o.bind(), request);
            }
        }
        inFlight.release();
        return CompletableFuture.failedFuture(isHealthy() ? UpstreamBusyException.atSubmitRate()
                : UpstreamUnavailableException.noHealthyBind());
    }

    /** Sends on {@code bind}, which holds one of the in-flight slots until the SMSC answers. */
    private CompletableFuture<SubmitResult> submitOn(UpstreamBind bind, SubmitRequest request) {
        CompletableFuture<SubmitResult> result;
        try {
            result = bind.submit(request);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.whenComplete((ok, error) -> inFlight.release());
    }

    /** A bind and its SMSC's submit rate, shared by that SMSC's binds; {@code rate} null when unlimited. */
    private record Outlet(UpstreamBind bind, TokenBucket rate) {
        /** Takes a token of the SMSC's rate, if it has one. */
        boolean withinRate() {
            return rate == null || rate.tryTake();
        }
    }

    @Override
    public void close() {
        // unbind (SMPP 3.4 section 4.2) on every bind, then close; each waits at most the
        // response timeout for unbind_resp.
        outlets.forEach(o -> o.bind().stop());
        scheduler.shutdownNow();
    }
}
