package io.maskgate.server;

import io.maskgate.server.config.ConfigException;
import io.maskgate.server.config.SecretRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads secrets named in conf (env var or file). Errors name the conf key and the variable or
 * file, never the value. Suppliers re-read on every call, so a rotated file takes effect without
 * a restart, and never throw: a file that vanished later keeps the last value read (with a
 * warning), because the callers (bind retries, webhooks) run on threads that must not die.
 */
final class Secrets {

    private static final Logger log = LoggerFactory.getLogger(Secrets.class);

    /** Secret files are short; anything larger is the wrong file. */
    static final int MAX_FILE_BYTES = 4096;

    private Secrets() {
    }

    /**
     * The secret now.
     *
     * @throws ConfigException naming {@link SecretRef#confKey()} when it is unset, empty or unreadable
     */
    static String read(SecretRef ref) {
        return tryRead(ref).orElseThrow(() -> new ConfigException(ref.confKey(), describe(ref)
                + " is unset, empty or unreadable"));
    }

    /** Checked now (failing like {@link #read}), then re-read per call; see the class comment. */
    static Supplier<String> supplier(SecretRef ref) {
        AtomicReference<String> last = new AtomicReference<>(read(ref));
        return () -> {
            Optional<String> now = tryRead(ref);
            if (now.isEmpty()) {
                log.warn("{}: {} is no longer readable; using the value read before", ref.confKey(), describe(ref));
                return last.get();
            }
            last.set(now.get());
            return now.get();
        };
    }

    private static Optional<String> tryRead(SecretRef ref) {
        String value;
        if (ref instanceof SecretRef.Env env) {
            value = System.getenv(env.variable());
        } else {
            value = readFile((SecretRef.File) ref);
        }
        return Optional.ofNullable(value).map(Secrets::trimLineEnd).filter(s -> !s.isEmpty());
    }

    private static String readFile(SecretRef.File file) {
        try {
            if (Files.size(file.path()) > MAX_FILE_BYTES) {
                return null;
            }
            return Files.readString(file.path(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    private static String trimLineEnd(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return s.substring(0, end);
    }

    private static String describe(SecretRef ref) {
        return ref instanceof SecretRef.Env env ? "environment variable " + env.variable()
                : "file " + ((SecretRef.File) ref).path();
    }
}
