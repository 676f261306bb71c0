package io.maskgate.server.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Where the admin API is and how to authenticate, shared by every command that calls it. The token
 * comes from a file or the environment, never from an argument (arguments show in {@code ps} and
 * shell history).
 */
final class AdminOptions {

    static final String TOKEN_ENV = "MASKGATE_TOKEN";
    static final String DEFAULT_URL = "http://127.0.0.1:8080";

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--url", defaultValue = DEFAULT_URL, paramLabel = "URL",
            description = "Admin API base URL (default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "File holding the admin token (trailing newline ignored); default: env " + TOKEN_ENV + ".")
    Path tokenFile;

    @Option(names = "--timeout-ms", defaultValue = "5000", paramLabel = "MS",
            description = "Longest wait for each answer (default: ${DEFAULT-VALUE}).")
    long timeoutMs;

    AdminClient client(Map<String, String> env) {
        return new AdminClient(url, token(env), Duration.ofMillis(timeoutMs));
    }

    private Optional<String> token(Map<String, String> env) {
        if (tokenFile != null) {
            try {
                String t = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
                if (t.isEmpty()) {
                    throw new ParameterException(spec.commandLine(), "--token-file " + tokenFile + " is empty");
                }
                return Optional.of(t);
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(),
                        "cannot read --token-file " + tokenFile + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        return Optional.ofNullable(env.get(TOKEN_ENV)).map(String::strip).filter(t -> !t.isEmpty());
    }
}
