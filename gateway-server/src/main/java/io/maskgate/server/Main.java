package io.maskgate.server;

import io.maskgate.core.audit.AuditException;
import io.maskgate.keystore.KeystoreException;
import io.maskgate.server.config.ConfigException;
import io.maskgate.server.config.ConfigLoader;
import io.maskgate.server.logging.Logging;
import io.maskgate.server.logging.LoggingConfig;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar maskgate.jar [--conf conf/gateway.yaml]} runs the gateway;
 * {@code java -jar maskgate.jar validate [--conf ...]} only checks the conf.
 *
 * <p>Exit codes: 0 ok; 1 start-up failed (keys, port in use) or {@code validate} found a problem;
 * 2 the conf is invalid at start (the message names the key). SIGTERM drains the gateway
 * ({@link Gateway#drainAndClose}) and exits 0.
 */
public final class Main {

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_BAD_CONF = 2;
    static final Path DEFAULT_CONF = Path.of("conf", "gateway.yaml");

    private Main() {
    }

    public static void main(String[] args) {
        Logging.installBridges();
        int code = run(args);
        if (code != EXIT_OK) {
            System.exit(code);
        }
    }

    /** Everything but {@code System.exit}, so tests can call it. A started gateway keeps running. */
    static int run(String[] args) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("maskgate: " + e.getMessage());
            System.err.println("usage: java -jar maskgate.jar [validate] [--conf conf/gateway.yaml]");
            return EXIT_FAILED;
        }
        return arguments.validateOnly() ? validate(arguments.conf()) : start(arguments.conf());
    }

    private static int validate(Path conf) {
        try {
            ConfigLoader.load(conf);
            System.err.println("maskgate: " + conf + " is valid");
            return EXIT_OK;
        } catch (ConfigException e) {
            System.err.println("maskgate: invalid configuration: " + e.getMessage());
            return EXIT_FAILED;
        }
    }

    private static int start(Path conf) {
        ConfigLoader.Loaded loaded;
        try {
            loaded = ConfigLoader.load(conf);
        } catch (ConfigException e) {
            log.error("invalid configuration: {}", e.getMessage());
            System.err.println("maskgate: invalid configuration: " + e.getMessage());
            return EXIT_BAD_CONF;
        }
        Logging.apply(LoggingConfig.from(loaded.values()));
        ConfigLoader.logResolved(loaded.values());
        Gateway gateway;
        try {
            gateway = Gateway.start(conf, loaded, Clock.systemUTC());
        } catch (ConfigException e) {
            log.error("invalid configuration: {}", e.getMessage());
            System.err.println("maskgate: invalid configuration: " + e.getMessage());
            return EXIT_BAD_CONF;
        } catch (KeystoreException | AuditException | IllegalStateException | UncheckedIOException e) {
            log.error("cannot start: {}", e.getMessage(), e);
            return EXIT_FAILED;
        }
        Duration drainBound = loaded.config().shutdown().drainTimeout();
        // SIGTERM drains, then exits 0 (a JVM ended by the default SIGTERM handler exits 143)
        Signals.onTerm(() -> {
            log.info("SIGTERM: draining");
            int code = EXIT_OK;
            try {
                gateway.drainAndClose(drainBound);
                log.info("stopped");
            } catch (RuntimeException e) {
                log.error("drain failed", e);
                code = EXIT_FAILED;
            }
            System.exit(code);
        });
        // SIGHUP re-reads the conf: the result is logged by the reload itself (WARN when invalid)
        Signals.onHup(gateway::reload);
        // any other way out (SIGINT, System.exit elsewhere) drains too; after a SIGTERM drain, a no-op
        Runtime.getRuntime().addShutdownHook(new Thread(() -> gateway.drainAndClose(drainBound), "maskgate-shutdown"));
        return EXIT_OK;
    }

    /** The command line: an optional {@code validate} word and an optional {@code --conf <file>}. */
    record Arguments(boolean validateOnly, Path conf) {
        static Arguments parse(List<String> args) {
            boolean validate = false;
            Path conf = DEFAULT_CONF;
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.equals("validate") && i == 0) {
                    validate = true;
                } else if (a.equals("--conf") && i + 1 < args.size()) {
                    conf = Path.of(args.get(++i));
                } else if (a.startsWith("--conf=")) {
                    conf = Path.of(a.substring("--conf=".length()));
                } else {
                    throw new IllegalArgumentException("unexpected argument '" + a + "' in " + Arrays.toString(args.toArray()));
                }
            }
            return new Arguments(validate, conf);
        }
    }
}
