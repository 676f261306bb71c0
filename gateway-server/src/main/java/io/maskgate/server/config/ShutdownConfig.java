package io.maskgate.server.config;

import static io.maskgate.server.config.GatewayConfigDef.SHUTDOWN_DRAIN_TIMEOUT_SECONDS;

import java.time.Duration;
import java.util.Objects;

/** How the node stops on SIGTERM: the bound on the graceful drain of calls in progress. */
public record ShutdownConfig(Duration drainTimeout) {
    /** Default of {@code shutdown.drainTimeoutSeconds}: 30 s. */
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);

    public ShutdownConfig {
        Objects.requireNonNull(drainTimeout, "drainTimeout");
    }

    static ShutdownConfig from(ConfigValues v) {
        return new ShutdownConfig(Duration.ofSeconds(v.integer(SHUTDOWN_DRAIN_TIMEOUT_SECONDS)));
    }
}
