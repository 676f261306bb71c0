package io.maskgate.server.logging;

import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The default log format, one line per event (plus the stack trace's lines), every text field
 * redacted: {@code 2026-11-26T10:11:12.345Z INFO  [main] i.m.server.Gateway - message {k=v}}.
 */
public final class PlainLogEncoder extends LineEncoder {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);

    private final TargetLengthBasedClassNameAbbreviator abbreviator = new TargetLengthBasedClassNameAbbreviator(36);

    @Override
    public byte[] encode(ILoggingEvent event) {
        RedactedEvent e = RedactedEvent.of(event);
        StringBuilder line = new StringBuilder(128 + e.message().length());
        line.append(TIME.format(e.time())).append(' ').append(String.format("%-5s", e.level()))
                .append(" [").append(e.thread()).append("] ").append(abbreviator.abbreviate(e.logger()))
                .append(" - ").append(e.message());
        if (!e.mdc().isEmpty()) {
            line.append(' ').append(e.mdc());
        }
        line.append('\n');
        e.stackTrace().ifPresent(line::append);
        return line.toString().getBytes(StandardCharsets.UTF_8);
    }
}
