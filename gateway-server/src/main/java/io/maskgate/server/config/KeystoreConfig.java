package io.maskgate.server.config;

import static io.maskgate.server.config.GatewayConfigDef.*;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** Where the key file is and where its password comes from (an env var or a file, never the conf). */
public record KeystoreConfig(Path file, PasswordRef password, boolean createIfMissing) {
    public KeystoreConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(password, "password");
    }

    /** Names the password's location; holds no secret, so it may be logged. */
    public sealed interface PasswordRef {
        /** The password is the value of this environment variable. */
        record Env(String variable) implements PasswordRef {
        }

        /** The password is the content of this file (trailing newline trimmed). */
        record File(Path path) implements PasswordRef {
        }
    }

    static KeystoreConfig from(ConfigValues v) {
        Optional<String> env = v.optionalString(KEYSTORE_PASSWORD_ENV);
        Optional<String> file = v.optionalString(KEYSTORE_PASSWORD_FILE);
        if (env.isPresent() && file.isPresent()) {
            throw new ConfigException(KEYSTORE_PASSWORD_FILE, "give only one of "
                    + KEYSTORE_PASSWORD_ENV + " and " + KEYSTORE_PASSWORD_FILE);
        }
        PasswordRef ref = env.<PasswordRef>map(PasswordRef.Env::new)
                .or(() -> file.map(f -> new PasswordRef.File(Path.of(f))))
                .orElseThrow(() -> new ConfigException(KEYSTORE_PASSWORD_ENV, "is required (or "
                        + KEYSTORE_PASSWORD_FILE + "): the key file password comes from an environment variable or a file"));
        return new KeystoreConfig(Path.of(v.string(KEYSTORE_FILE)), ref, v.bool(KEYSTORE_CREATE_IF_MISSING));
    }
}
