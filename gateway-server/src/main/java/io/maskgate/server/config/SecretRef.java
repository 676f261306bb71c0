package io.maskgate.server.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a secret lives: an environment variable or a file, never the conf itself. Holds no secret,
 * so it may be logged; {@link #confKey()} names the conf key that pointed here, for errors.
 */
public sealed interface SecretRef {

    /** The conf key (concrete path) that named this source, e.g. {@code smpp.upstreams[0].passwordEnv}. */
    String confKey();

    /** The secret is the value of {@code variable}. */
    record Env(String confKey, String variable) implements SecretRef {
        public Env {
            Objects.requireNonNull(confKey, "confKey");
            Objects.requireNonNull(variable, "variable");
        }
    }

    /** The secret is the content of {@code path} (trailing CR/LF trimmed), re-read when asked again. */
    record File(String confKey, Path path) implements SecretRef {
        public File {
            Objects.requireNonNull(confKey, "confKey");
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * At most one of {@code envKey} and {@code fileKey}.
     *
     * @throws ConfigException naming {@code fileKey} when both are given
     */
    static Optional<SecretRef> optional(ConfigValues v, String envKey, String fileKey) {
        Optional<String> env = v.optionalString(envKey);
        Optional<String> file = v.optionalString(fileKey);
        if (env.isPresent() && file.isPresent()) {
            throw new ConfigException(fileKey, "give only one of " + envKey + " and " + fileKey);
        }
        return env.<SecretRef>map(name -> new Env(envKey, name))
                .or(() -> file.map(f -> new File(fileKey, Path.of(f))));
    }

    /**
     * Exactly one of {@code envKey} and {@code fileKey}.
     *
     * @param what what the secret is for, in the error ("the bind password")
     */
    static SecretRef required(ConfigValues v, String envKey, String fileKey, String what) {
        return optional(v, envKey, fileKey).orElseThrow(() -> new ConfigException(envKey,
                "is required (or " + fileKey + "): " + what + " comes from an environment variable or a file"));
    }
}
