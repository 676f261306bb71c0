package io.maskgate.keystore.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading TLS material from PEM files (keystore module; tested here, where the {@link TestPki}
 * fixture lives, since the keystore module has no test-jar of its own).
 */
class TlsMaterialTest {

    @TempDir
    static Path dir;
    static TestPki pki;

    @BeforeAll
    static void makePki() {
        pki = TestPki.create(dir.resolve("pki"));
    }

    @Test
    void aMatchingKeyAndCertificateLoad() {
        TlsMaterial m = TlsMaterial.load(pki.serverCertificate, pki.serverKey, Optional.of(pki.caCertificate));
        assertTrue(m.keyManagers().isPresent());
        assertTrue(m.trustManagers().isPresent());
        assertEquals("TLS", m.sslContext().getProtocol());
        assertTrue(m.toString().contains("CN=localhost"), m.toString());
    }

    @Test
    void aKeyOfAnotherCertificateIsRefusedNamingTheKeyFile() {
        TlsMaterialException e = assertThrows(TlsMaterialException.class,
                () -> TlsMaterial.load(pki.serverCertificate, pki.clientKey, Optional.empty()));
        assertEquals(TlsMaterialException.Part.PRIVATE_KEY, e.part());
        assertTrue(e.getMessage().contains(pki.clientKey.toString()), e.getMessage());
    }

    @Test
    void aMissingCertificateFileIsNamed() {
        Path missing = dir.resolve("nope.pem");
        TlsMaterialException e = assertThrows(TlsMaterialException.class,
                () -> TlsMaterial.load(missing, pki.serverKey, Optional.empty()));
        assertEquals(TlsMaterialException.Part.CERTIFICATE, e.part());
        assertTrue(e.getMessage().contains("nope.pem"), e.getMessage());
    }

    @Test
    void aFileWithoutAKeyIsRefused() throws Exception {
        Path notKey = Files.writeString(dir.resolve("not-a-key.pem"), "hello\n");
        TlsMaterialException e = assertThrows(TlsMaterialException.class,
                () -> TlsMaterial.load(pki.serverCertificate, notKey, Optional.empty()));
        assertEquals(TlsMaterialException.Part.PRIVATE_KEY, e.part());
    }

    @Test
    void aTrustedCasFileWithoutCertificatesIsRefused() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty-ca.pem"), "");
        TlsMaterialException e = assertThrows(TlsMaterialException.class,
                () -> TlsMaterial.trustOnly(Optional.of(empty)));
        assertEquals(TlsMaterialException.Part.TRUSTED_CAS, e.part());
    }
}
