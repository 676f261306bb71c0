package io.maskgate.server.config;

import static io.maskgate.server.config.GatewayConfigDef.SESSIONS_DEFAULT_TTL_SECONDS;
import static io.maskgate.server.config.GatewayConfigDef.SESSIONS_MAX_TTL_SECONDS;

import java.time.Duration;
import java.util.Objects;

/** Session lifetimes the API hands out. */
public record SessionsConfig(Duration maxTtl, Duration defaultTtl) {
    public SessionsConfig {
        Objects.requireNonNull(maxTtl, "maxTtl");
        Objects.requireNonNull(defaultTtl, "defaultTtl");
    }

    static SessionsConfig from(ConfigValues v) {
        int max = v.integer(SESSIONS_MAX_TTL_SECONDS);
        int def = v.integer(SESSIONS_DEFAULT_TTL_SECONDS);
        if (def > max) {
            throw new ConfigException(SESSIONS_DEFAULT_TTL_SECONDS,
                    "must be at most " + SESSIONS_MAX_TTL_SECONDS + " (" + max + "), was " + def);
        }
        return new SessionsConfig(Duration.ofSeconds(max), Duration.ofSeconds(def));
    }
}
