package io.maskgate.server.config;

import static io.maskgate.server.config.GatewayConfigDef.*;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Which session store to run. {@code redis} is present exactly when the type is {@link Type#REDIS}.
 */
public record StoreConfig(Type type, Optional<RedisConfig> redis) {

    public enum Type { MEMORY, REDIS }

    public StoreConfig {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(redis, "redis");
        if ((type == Type.REDIS) != redis.isPresent()) {
            throw new IllegalArgumentException("redis settings are given exactly for the redis store");
        }
    }

    /** Redis connection settings (see lettuce's ClientOptions; the store turns them into fail-fast options). */
    public record RedisConfig(String uri, Duration commandTimeout, Duration connectTimeout, int requestQueueSize,
                              Optional<SecretRef> password) {
        public RedisConfig {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(commandTimeout, "commandTimeout");
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(password, "password");
        }
    }

    static StoreConfig from(ConfigValues v) {
        if (v.string(STORE_TYPE).equals("memory")) {
            return new StoreConfig(Type.MEMORY, Optional.empty());
        }
        String uri = v.optionalString(STORE_REDIS_URI).orElseThrow(
                () -> new ConfigException(STORE_REDIS_URI, "is required when store.type is redis"));
        rejectInlinePassword(uri);
        return new StoreConfig(Type.REDIS, Optional.of(new RedisConfig(uri,
                Duration.ofMillis(v.integer(STORE_REDIS_COMMAND_TIMEOUT_MS)),
                Duration.ofMillis(v.integer(STORE_REDIS_CONNECT_TIMEOUT_MS)),
                v.integer(STORE_REDIS_REQUEST_QUEUE_SIZE),
                SecretRef.optional(v, STORE_REDIS_PASSWORD_ENV, STORE_REDIS_PASSWORD_FILE))));
    }

    /** A password in the URI would be a secret inline in conf; the message never repeats the URI. */
    private static void rejectInlinePassword(String uri) {
        String userInfo;
        try {
            userInfo = new URI(uri).getRawUserInfo();
        } catch (URISyntaxException e) {
            throw new ConfigException(STORE_REDIS_URI, "is not a valid URI (" + e.getReason() + ")");
        }
        if (userInfo != null) {
            throw new ConfigException(STORE_REDIS_URI, "must not contain credentials; secrets are never written "
                    + "into the conf file: use " + STORE_REDIS_PASSWORD_ENV + " or " + STORE_REDIS_PASSWORD_FILE);
        }
    }
}
