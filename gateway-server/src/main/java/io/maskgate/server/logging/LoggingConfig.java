package io.maskgate.server.logging;

import io.maskgate.server.config.ConfigValues;
import io.maskgate.server.config.GatewayConfigDef;
import java.util.Locale;
import java.util.Objects;

/**
 * How the gateway logs: {@code logging.format} and {@code logging.level} of the conf.
 *
 * @param format plain lines (default) or one JSON object per line
 * @param level  the root logger's level: {@code error|warn|info|debug|trace} (default {@code info})
 */
public record LoggingConfig(Format format, String level) {

    /** The default: plain lines at INFO, as {@code logback.xml} starts the process. */
    public static final LoggingConfig DEFAULT = new LoggingConfig(Format.PLAIN, "info");

    public enum Format {
        PLAIN, JSON;

        /** {@code plain} or {@code json}, as written in conf. */
        public static Format of(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    /** From the validated conf values ({@code logging.format}, {@code logging.level}). */
    public static LoggingConfig from(ConfigValues values) {
        return new LoggingConfig(Format.of(values.string(GatewayConfigDef.LOGGING_FORMAT)),
                values.string(GatewayConfigDef.LOGGING_LEVEL));
    }

    public LoggingConfig {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(level, "level");
        Logging.levelOf(level); // throws IllegalArgumentException naming the value
    }
}
