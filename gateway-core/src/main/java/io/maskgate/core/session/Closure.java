package io.maskgate.core.session;

import java.time.Instant;
import java.util.Objects;

/** When and why a session was closed. */
public record Closure(CloseReason reason, Instant at) {
    public Closure {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
    }
}
