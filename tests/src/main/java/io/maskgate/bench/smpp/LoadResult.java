package io.maskgate.bench.smpp;

import org.HdrHistogram.Histogram;

/**
 * One timed run of the load client.
 *
 * @param setup "direct" or "relay"
 * @param sent submit_sm sent
 * @param ok submit_sm answered ESME_ROK
 * @param errors submit_sm answered with an error, timed out or failed to send
 * @param nanos wall time from the first submit to the last response
 * @param latency submit -> submit_sm_resp of every answered submit, in nanoseconds
 * @param cpuNanos CPU time used meanwhile by this JVM (client, SMSC and relay) and its redis-server
 */
record LoadResult(String setup, long sent, long ok, long errors, long nanos, Histogram latency, long cpuNanos) {
    double perSecond() {
        return ok * 1e9 / nanos;
    }

    double medianMillis() {
        return latency.getValueAtPercentile(50) / 1e6;
    }

    double p99Millis() {
        return latency.getValueAtPercentile(99) / 1e6;
    }

    double maxMillis() {
        return latency.getMaxValue() / 1e6;
    }

    String line() {
        return String.format("%-6s sent %7d  ok %7d  errors %5d  %8.0f submit_sm/s  median %6.2f ms  p99 %6.2f ms"
                + "  max %7.2f ms  cpu %5.0f us/msg", setup, sent, ok, errors, perSecond(), medianMillis(), p99Millis(),
                maxMillis(), cpuNanos / 1e3 / Math.max(1, ok));
    }
}
