package io.maskgate.server.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures every log event of the process (root logger) while open; for "never logged" assertions. */
public final class CapturedLogs implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    public CapturedLogs() {
        appender.setContext(root.getLoggerContext());
        appender.start();
        root.addAppender(appender);
    }

    /** Each event as text: formatted message plus its stack trace, if any. */
    public synchronized List<String> lines() {
        return List.copyOf(appender.list).stream()
                .map(e -> e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage()
                        + (e.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy())))
                .toList();
    }

    public List<String> linesContaining(String fragment) {
        return lines().stream().filter(l -> l.contains(fragment)).toList();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
