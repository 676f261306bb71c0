package io.maskgate.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.EncoderBase;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The process's logging, set up in code from the conf: format, level, and every other path a
 * message can take into the output routed through the one {@link Redactor}:
 * <ul>
 *   <li>slf4j (our code, Netty, lettuce, jsmpp): the appender's encoder redacts every field;</li>
 *   <li>java.util.logging (the JDK's HTTP client, jain-sip-ri when it logs): bridged into slf4j;</li>
 *   <li>uncaught exceptions: logged through slf4j instead of the JVM's default print;</li>
 *   <li>{@code System.err} (a library's {@code printStackTrace()}): redacted line by line.</li>
 * </ul>
 * {@code logback.xml} gives the same plain, redacted output until {@link #apply} runs.
 */
public final class Logging {

    static final String APPENDER_NAME = "STDOUT";
    private static final Set<String> LEVELS = Set.of("error", "warn", "info", "debug", "trace");
    private static final Logger log = LoggerFactory.getLogger(Logging.class);

    private Logging() {
    }

    /** Routes JUL, uncaught exceptions and {@code System.err} into the redacting pipeline. Idempotent. */
    public static synchronized void installBridges() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        Thread.setDefaultUncaughtExceptionHandler((thread, error) ->
                LoggerFactory.getLogger("uncaught").error("uncaught exception in thread {}", thread.getName(), error));
        if (!(System.err instanceof RedactedPrintStream)) {
            System.setErr(new RedactedPrintStream(System.err));
        }
    }

    /** Applies {@code config} to the console output (standard output). */
    public static void apply(LoggingConfig config) {
        apply(config, System.out);
    }

    /**
     * Replaces the root logger's output with one writing {@code config.format()} to {@code out}
     * (which is never closed by logging) and sets the root level.
     */
    public static synchronized void apply(LoggingConfig config, OutputStream out) {
        LoggerContext context = context();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        EncoderBase<ILoggingEvent> encoder = config.format() == LoggingConfig.Format.JSON
                ? new JsonLogEncoder() : new PlainLogEncoder();
        encoder.setContext(context);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setName(APPENDER_NAME);
        appender.setEncoder(encoder);
        appender.setOutputStream(new NotClosing(out));
        appender.start();
        Appender<ILoggingEvent> previous = root.getAppender(APPENDER_NAME);
        root.addAppender(appender);
        if (previous != null && previous != appender) {
            root.detachAppender(previous);
            previous.stop();
        }
        root.setLevel(levelOf(config.level()));
    }

    /**
     * Sets the root logger's level ({@code error|warn|info|debug|trace}); for conf reload. The
     * quieter levels of {@code io.netty} and {@code io.lettuce} in {@code logback.xml} stay.
     *
     * @throws IllegalArgumentException when {@code level} is not one of those
     */
    public static void setLevel(String level) {
        Level parsed = levelOf(level);
        context().getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(parsed);
        log.info("log level set to {}", parsed);
    }

    static Level levelOf(String level) {
        String lower = level == null ? "" : level.toLowerCase(Locale.ROOT);
        if (!LEVELS.contains(lower)) {
            throw new IllegalArgumentException("log level must be one of error, warn, info, debug, trace");
        }
        return Level.toLevel(lower);
    }

    private static LoggerContext context() {
        return (LoggerContext) LoggerFactory.getILoggerFactory();
    }

    /** Logging must not close standard output when an appender is replaced. */
    private static final class NotClosing extends FilterOutputStream {
        NotClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /** {@code System.err} with every line through {@link Redactor}. */
    static final class RedactedPrintStream extends PrintStream {
        RedactedPrintStream(OutputStream original) {
            super(new RedactingOutputStream(original), true, StandardCharsets.UTF_8);
        }
    }
}
