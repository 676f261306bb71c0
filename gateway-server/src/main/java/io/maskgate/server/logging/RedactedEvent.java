package io.maskgate.server.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The fields of one log event as both encoders print them, each text field already through
 * {@link Redactor}: the formatted message (so its arguments too), MDC values, and the whole stack
 * trace (exception messages of the throwable, its causes and suppressed ones).
 */
record RedactedEvent(Instant time, String level, String logger, String thread, String message,
                     Map<String, String> mdc, Optional<String> stackTrace) {

    static RedactedEvent of(ILoggingEvent event) {
        Map<String, String> mdc = new TreeMap<>();
        Map<String, String> raw = event.getMDCPropertyMap();
        if (raw != null) {
            raw.forEach((k, v) -> mdc.put(k, Redactor.redact(v)));
        }
        IThrowableProxy thrown = event.getThrowableProxy();
        Optional<String> stack = thrown == null ? Optional.empty()
                : Optional.of(Redactor.redact(ThrowableProxyUtil.asString(thrown)));
        return new RedactedEvent(Instant.ofEpochMilli(event.getTimeStamp()), event.getLevel().toString(),
                event.getLoggerName(), Redactor.redact(event.getThreadName()),
                Redactor.redact(event.getFormattedMessage()), mdc, stack);
    }
}
