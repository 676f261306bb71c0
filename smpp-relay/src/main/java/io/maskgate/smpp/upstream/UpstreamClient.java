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
    private final List<UpstreamBind> binds;
    /** Aligned with {@link #binds}: the submit rate of each bind's SMSC, shared by its binds; null when unlimited. */
    private final List<TokenBucket> rates;
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
        List<UpstreamBind> all = new ArrayList<>();
        List<TokenBucket> rateOfEach = new ArrayList<>();
        this.scheduler = new ScheduledThreadPoolExecutor(Math.min(4, options.smscs().stream()
                .mapToInt(UpstreamSmsc::binds).sum()), Threads.named("smpp-upstream-connect"));
        for (UpstreamSmsc smsc : options.smscs()) {
            List<UpstreamBind> ofSmsc = new ArrayList<>();
            TokenBucket rate = smsc.submitRate().isUnlimited() ? null : new TokenBucket(smsc.submitRate(), System::nanoTime);
            for (int i = 0; i < smsc.binds(); i++) {
                ofSmsc.add(new UpstreamBind(smsc, i, options, scheduler, deliverHandler, metrics));
                rateOfEach.add(rate);
            }
            metrics.upstreamGauge(smsc.name(), () -> ofSmsc.stream().anyMatch(UpstreamBind::isHealthy) ? 1 : 0);
            all.addAll(ofSmsc);
        }
        this.binds = List.copyOf(all);
        this.rates = java.util.Collections.unmodifiableList(rateOfEach); // holds nulls: not List.copyOf
        this.inFlight = new Semaphore(options.maxInFlight());
    }

    /** Starts connecting to every upstream; returns at once. */
    public void start() {
        binds.forEach(UpstreamBind::start);
    }

    /** True when at least one upstream bind is up. */
    public boolean isHealthy() {
        return binds.stream().anyMatch(UpstreamBind::isHealthy);
    }

    /** How many binds (over all SMSCs) are bound right now. */
    public int healthyBinds() {
        return (int) binds.stream().filter(UpstreamBind::isHealthy).count();
    }

    /**
     * Submits on the next healthy bind whose SMSC is within its submit rate. Fails (never throws)
     * with {@link UpstreamUnavailableException} when none is healthy, {@link UpstreamBusyException}
     * when every slot is taken or every healthy SMSC is at its rate, and
     * {@link UpstreamRejectedException} when the SMSC refuses.
     */
    @Override
    public CompletableFuture<SubmitResult> submit(SubmitRequest request) {
        int n = binds.size();
        int start = Math.floorMod(next.getAndIncrement(), n);
        boolean anyHealthy = false;
        for (int i = 0; i < n; i++) {
            int at = (start + i) % n;
            if (binds.get(at).isHealthy()) {
                anyHealthy = true;
                if (!inFlight.tryAcquire()) {
                    return CompletableFuture.failedFuture(UpstreamBusyException.slotsTaken(options.maxInFlight()));
                }
                TokenBucket rate = rates.get(at);
                if (rate == null || rate.tryTake()) {
                    return submitOn(binds.get(at), request);
                }
                inFlight.release();
            }
        }
        return CompletableFuture.failedFuture(anyHealthy ? UpstreamBusyException.atSubmitRate()
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

    @Override
    public void close() {
        // unbind (SMPP 3.4 section 4.2) on every bind, then close; each waits at most the
        // response timeout for unbind_resp.
        binds.forEach(UpstreamBind::stop);
        scheduler.shutdownNow();
    }
}
