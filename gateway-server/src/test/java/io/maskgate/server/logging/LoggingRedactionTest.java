package io.maskgate.server.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskgate.core.number.PhoneNumber;
import io.maskgate.sip.policy.LeakPattern;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Real numbers through every path a log line can take, in both formats; none may come out in
 * any spelling ({@link LeakPattern}: E.164, without +, national, trunk 0, separators).
 */
class LoggingRedactionTest {

    private static final PhoneNumber CUSTOMER = PhoneNumber.ofE164("+919812345678");
    private static final PhoneNumber RIDER = PhoneNumber.ofE164("+919876543210");
    private static final PhoneNumber AGENT = PhoneNumber.ofE164("+918041234567");
    private static final PhoneNumber VENDOR = PhoneNumber.ofE164("+917012345678");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureErr() {
        originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(originalErr);
        Logging.apply(LoggingConfig.DEFAULT);
    }

    @ParameterizedTest
    @EnumSource(LoggingConfig.Format.class)
    void noNumberLeavesThroughAnyLoggerPath(LoggingConfig.Format format) throws Exception {
        Logging.apply(new LoggingConfig(format, "info"), out);
        Logging.installBridges();
        Logger ours = LoggerFactory.getLogger("io.maskgate.sip.b2bua.B2bua");

        ours.info("careless message with " + CUSTOMER.e164() + " and 0" + RIDER.digits().substring(2));
        ours.info("careless args {} and {}", RIDER.digits(), "98123 45678");
        MDC.put("caller", "+91 98765-43210");
        try {
            ours.warn("with an MDC value");
        } finally {
            MDC.remove("caller");
        }
        IllegalStateException thrown = new IllegalStateException("outer for " + AGENT.e164(),
                new IllegalArgumentException("cause quoting (0) 80412.34567"));
        thrown.addSuppressed(new RuntimeException("suppressed " + VENDOR.digits()));
        ours.error("failed", thrown);
        java.util.logging.Logger.getLogger("jdk.internal.httpclient").warning("JUL says " + CUSTOMER.e164());
        LoggerFactory.getLogger("io.netty.channel.DefaultChannelPipeline").warn("netty says {}", RIDER.e164());
        LoggerFactory.getLogger("io.lettuce.core.protocol.CommandHandler").error("lettuce says " + AGENT.digits());
        Thread dies = new Thread(() -> {
            throw new IllegalStateException("uncaught with " + VENDOR.e164());
        }, "dies");
        dies.start();
        dies.join();
        System.err.println("printStackTrace-style line " + RIDER.e164());
        System.err.flush();

        String logged = out.toString(StandardCharsets.UTF_8);
        String stderr = err.toString(StandardCharsets.UTF_8);
        for (PhoneNumber n : List.of(CUSTOMER, RIDER, AGENT, VENDOR)) {
            assertFalse(found(n, logged), n + " in the " + format + " log:\n" + logged);
            assertFalse(found(n, stderr), n + " on stderr:\n" + stderr);
        }
        // every path did produce output, masked
        for (String expected : List.of("careless message with +91********78", "careless args", "with an MDC value",
                "outer for +91********67", "cause quoting", "suppressed **********78", "JUL says +91********78",
                "netty says +91********10", "lettuce says", "uncaught exception in thread dies",
                "uncaught with +91********78")) {
            assertTrue(logged.contains(expected), expected + " missing from:\n" + logged);
        }
        assertTrue(stderr.contains("printStackTrace-style line +91********10"), stderr);
        if (format == LoggingConfig.Format.JSON) {
            assertEveryLineIsAJsonEvent(logged);
        }
    }

    private static void assertEveryLineIsAJsonEvent(String logged) throws Exception {
        ObjectMapper json = new ObjectMapper();
        String[] lines = logged.split("\n");
        assertEquals(8, lines.length, logged); // one line per event above, stack traces included
        for (String line : lines) {
            JsonNode event = json.readTree(line);
            for (String field : List.of("time", "level", "logger", "message")) {
                assertTrue(event.hasNonNull(field), field + " missing in " + line);
            }
        }
        JsonNode withMdc = json.readTree(lines[2]);
        assertEquals("+91 *****-***10", withMdc.get("mdc").get("caller").asText());
    }

    private static boolean found(PhoneNumber number, String text) {
        return LeakPattern.of(number, "91").foundIn(text.getBytes(StandardCharsets.UTF_8));
    }
}
