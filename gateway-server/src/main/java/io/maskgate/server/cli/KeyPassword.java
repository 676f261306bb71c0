package io.maskgate.server.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where a key file's password comes from: an environment variable or a file, exactly one, never
 * an argument (arguments are visible in {@code ps}). Used as an exclusive {@code @ArgGroup}.
 */
final class KeyPassword {
    @Option(names = "--password-env", paramLabel = "VAR", description = "Environment variable holding the password.")
    String env;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File holding the password.")
    Path file;

    /** The same choice as the keystore and audit tools spell it. */
    List<String> toolArgs() {
        return env != null ? List.of("--password-env", env) : List.of("--password-file", file.toString());
    }
}
