package io.maskgate.server.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback {@code %redactedMsg}: the formatted message (arguments included) passed through
 * {@link Redactor}. For operators who write their own pattern; MaskGate's own output uses
 * {@link PlainLogEncoder} or {@link JsonLogEncoder}, which redact every field.
 */
public final class RedactingMessageConverter extends ClassicConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return Redactor.redact(event.getFormattedMessage());
    }

    /** Masks every number-like run of {@code text}; {@code null} stays {@code null}. */
    public static String redact(String text) {
        return Redactor.redact(text);
    }
}
