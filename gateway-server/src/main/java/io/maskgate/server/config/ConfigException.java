package io.maskgate.server.config;

import java.util.Objects;

/**
 * A configuration value is missing, malformed or out of range. The message is always
 * {@code <key.path>: <reason>} so that an operator can find the line to fix; {@link #key()} gives
 * the path alone (for {@code validate} and tests).
 *
 * <p>Unchecked: a gateway with an invalid conf stops at start-up, nobody recovers from this.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String key;

    public ConfigException(String key, String reason) {
        this(key, reason, null);
    }

    public ConfigException(String key, String reason, Throwable cause) {
        super(Objects.requireNonNull(key, "key") + ": " + Objects.requireNonNull(reason, "reason"), cause);
        this.key = key;
    }

    /** The dotted path of the offending key, e.g. {@code store.redis.commandTimeoutMs}. */
    public String key() {
        return key;
    }
}
