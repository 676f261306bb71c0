package io.maskgate.smpp.upstream;

import java.time.Duration;

/** Capped exponential backoff: initial, 2x, 4x ... up to max. No jitter: one node, few upstreams. */
record Backoff(Duration initial, Duration max) {
    Duration delay(int failedAttempts) {
        int shift = Math.min(Math.max(failedAttempts, 0), 30);
        long millis = initial.toMillis() << shift;
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }
}
