package io.maskgate.server;

import io.maskgate.keystore.KeyFiles;
import io.maskgate.keystore.KeyRing;
import io.maskgate.keystore.KeystoreException;
import io.maskgate.keystore.PasswordSource;
import io.maskgate.server.config.KeystoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the key file named in conf, creating it first when it is missing and conf allows that. */
final class KeyRingLoader {

    private static final Logger log = LoggerFactory.getLogger(KeyRingLoader.class);

    private KeyRingLoader() {
    }

    /** @throws KeystoreException naming the file or password source; never the password */
    static KeyRing load(KeystoreConfig conf) {
        PasswordSource password = passwordSource(conf.password());
        Path file = conf.file();
        if (!Files.exists(file)) {
            if (!conf.createIfMissing()) {
                throw new KeystoreException("key file " + file + " does not exist; create it with the keystore tool, "
                        + "or set keystore.createIfMissing: true for a quick start");
            }
            createParent(file);
            KeyFiles.create(file, password);
            log.warn("created a new key file {}: back it up; losing it makes every stored session unreadable", file);
        }
        KeyRing ring = KeyRing.load(file, password);
        log.info("loaded keys from {}: {}", file, ring);
        return ring;
    }

    private static PasswordSource passwordSource(KeystoreConfig.PasswordRef ref) {
        if (ref instanceof KeystoreConfig.PasswordRef.Env env) {
            return PasswordSource.fromEnv(env.variable());
        }
        return PasswordSource.fromFile(((KeystoreConfig.PasswordRef.File) ref).path());
    }

    private static void createParent(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw KeystoreException.cannotWrite(file, e);
        }
    }
}
