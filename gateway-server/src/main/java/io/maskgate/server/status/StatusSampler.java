package io.maskgate.server.status;

import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls {@link RateHistory#sample()} every interval on a shared scheduler, from now until closed. */
public final class StatusSampler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StatusSampler.class);

    private final ScheduledFuture<?> task;

    private StatusSampler(ScheduledFuture<?> task) {
        this.task = task;
    }

    /** Takes the first sample at once (the baseline), then one per {@code history.interval()}. */
    public static StatusSampler start(RateHistory history, ScheduledExecutorService scheduler) {
        Objects.requireNonNull(history, "history");
        long millis = history.interval().toMillis();
        return new StatusSampler(scheduler.scheduleAtFixedRate(() -> sample(history), 0, millis, TimeUnit.MILLISECONDS));
    }

    private static void sample(RateHistory history) {
        try {
            history.sample();
        } catch (RuntimeException e) {
            // A periodic task that throws is never run again: log and keep sampling.
            log.warn("status page sampler failed; the next sample will retry", e);
        }
    }

    @Override
    public void close() {
        task.cancel(false);
    }
}
