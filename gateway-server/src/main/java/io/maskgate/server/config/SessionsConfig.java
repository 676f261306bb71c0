package io.maskgate.server.config;

import static io.maskgate.server.config.GatewayConfigDef.SESSIONS_CLOSED_RETENTION_SECONDS;
import static io.maskgate.server.config.GatewayConfigDef.SESSIONS_DEFAULT_TTL_SECONDS;
import static io.maskgate.server.config.GatewayConfigDef.SESSIONS_MAX_TTL_SECONDS;

import java.time.Duration;
import java.util.Objects;

/** Session lifetimes the API hands out, and how long closed sessions stay readable. */
public record SessionsConfig(Duration maxTtl, Duration defaultTtl, Duration closedRetention) {
    public SessionsConfig {
        Objects.requireNonNull(maxTtl, "maxTtl");
        Objects.requireNonNull(defaultTtl, "defaultTtl");
        Objects.requireNonNull(closedRetention, "closedRetention");
    }

    /** With the default closed retention (7 days). */
    public SessionsConfig(Duration maxTtl, Duration defaultTtl) {
        this(maxTtl, defaultTtl, io.maskgate.core.session.SessionStore.DEFAULT_CLOSED_RETENTION);
    }

    static SessionsConfig from(ConfigValues v) {
        int max = v.integer(SESSIONS_MAX_TTL_SECONDS);
        int def = v.integer(SESSIONS_DEFAULT_TTL_SECONDS);
        if (def > max) {
            throw new ConfigException(SESSIONS_DEFAULT_TTL_SECONDS,
                    "must be at most " + SESSIONS_MAX_TTL_SECONDS + " (" + max + "), was " + def);
        }
        return new SessionsConfig(Duration.ofSeconds(max), Duration.ofSeconds(def),
                Duration.ofSeconds(v.integer(SESSIONS_CLOSED_RETENTION_SECONDS)));
    }
}
