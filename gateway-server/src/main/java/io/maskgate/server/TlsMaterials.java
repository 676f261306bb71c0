package io.maskgate.server;

import io.maskgate.keystore.tls.TlsMaterial;
import io.maskgate.keystore.tls.TlsMaterialException;
import io.maskgate.server.config.ConfigException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Loads TLS PEM files named in conf, turning a bad file into a {@link ConfigException} that names
 * the conf key of the file at fault (start-up then stops with {@code <key>: <reason>}).
 *
 * @param certificateKey the conf key naming the certificate file, and so on
 */
record TlsMaterials(String certificateKey, String privateKeyKey, String trustedCasKey) {

    /** Our identity (both files present) plus trust; or trust only when no certificate is named. */
    TlsMaterial load(Optional<Path> certificate, Optional<Path> privateKey, Optional<Path> trustedCas) {
        try {
            if (certificate.isPresent() && privateKey.isPresent()) {
                return TlsMaterial.load(certificate.get(), privateKey.get(), trustedCas);
            }
            return TlsMaterial.trustOnly(trustedCas);
        } catch (TlsMaterialException e) {
            String key = switch (e.part()) {
                case CERTIFICATE -> certificateKey;
                case PRIVATE_KEY -> privateKeyKey;
                case TRUSTED_CAS -> trustedCasKey;
            };
            throw new ConfigException(key, e.getMessage(), e);
        }
    }
}
