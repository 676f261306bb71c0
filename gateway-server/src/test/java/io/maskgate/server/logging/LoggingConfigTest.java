package io.maskgate.server.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.maskgate.server.TestConfs;
import io.maskgate.server.config.ConfigException;
import io.maskgate.server.config.ConfigLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

class LoggingConfigTest {

    @TempDir
    Path dir;

    @AfterEach
    void restore() {
        Logging.apply(LoggingConfig.DEFAULT);
    }

    @Test
    void formatAndLevelAreReadFromConf() {
        String yaml = "logging:\n  format: json\n  level: debug\n" + TestConfs.yaml(dir, "");
        LoggingConfig config = LoggingConfig.from(ConfigLoader.parse("test.yaml", yaml).values());
        assertEquals(new LoggingConfig(LoggingConfig.Format.JSON, "debug"), config);
    }

    @Test
    void absentKeysMeanPlainAtInfo() {
        assertEquals(LoggingConfig.DEFAULT,
                LoggingConfig.from(ConfigLoader.parse("test.yaml", TestConfs.yaml(dir, "")).values()));
    }

    @ParameterizedTest
    @CsvSource({"format: xml, logging.format", "level: loud, logging.level"})
    void aBadValueStopsStartUpNamingItsKey(String line, String key) {
        String yaml = "logging:\n  " + line + "\n" + TestConfs.yaml(dir, "");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("test.yaml", yaml));
        assertEquals(key, e.key(), e.getMessage());
    }

    @Test
    void setLevelChangesTheRootLevelAndRefusesUnknownLevels() {
        Logging.setLevel("WARN");
        assertEquals(Level.WARN, root().getLevel());
        Logging.setLevel("debug");
        assertEquals(Level.DEBUG, root().getLevel());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Logging.setLevel("verbose"));
        assertTrue(e.getMessage().contains("error, warn, info, debug, trace"), e.getMessage());
        assertEquals(Level.DEBUG, root().getLevel());
    }

    private static ch.qos.logback.classic.Logger root() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
