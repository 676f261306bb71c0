package io.maskgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.server.config.ConfigException;
import io.maskgate.server.config.ConfigLoader;
import io.maskgate.server.config.GatewayConfig;
import io.maskgate.testing.TestPki;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIP and SMPP TLS settings are checked when the gateway starts: a bad PEM file stops it, naming its conf key. */
class TlsStartTest {

    @TempDir
    Path dir;

    private GatewayConfig conf(Path certificate, Path key) {
        String yaml = TestConfs.replaceOnce(TestConfs.withSip(TestConfs.yaml(dir, ""), 5070), "  trunks:\n",
                "  tls:\n    enabled: true\n    listen: 127.0.0.1\n    port: 0\n    certificate: \"" + certificate
                        + "\"\n    privateKey: \"" + key + "\"\n  trunks:\n");
        return ConfigLoader.parse("t", yaml).config();
    }

    @Test
    void aPrivateKeyThatIsNotTheCertificatesStopsStartNamingTheKey() {
        TestPki pki = TestPki.create(dir.resolve("pki"));
        GatewayConfig config = conf(pki.serverCertificate, pki.clientKey);
        ConfigException e = assertThrows(ConfigException.class, () -> Gateway.start(config));
        assertEquals("sip.tls.privateKey", e.key());
        assertTrue(e.getMessage().contains("does not belong to the certificate"), e.getMessage());
        // what was built before SIP was released: a start with the right key works in the same dir
        try (Gateway g = Gateway.start(conf(pki.serverCertificate, pki.serverKey))) {
            assertTrue(g.adminPort() > 0);
        }
    }

    @Test
    void anUnreadableCertificateStopsStartNamingTheKey() {
        TestPki pki = TestPki.create(dir.resolve("pki"));
        GatewayConfig config = conf(dir.resolve("missing.pem"), pki.serverKey);
        ConfigException e = assertThrows(ConfigException.class, () -> Gateway.start(config));
        assertEquals("sip.tls.certificate", e.key());
        assertTrue(e.getMessage().contains("missing.pem"), e.getMessage());
    }

    @Test
    void anSmppPrivateKeyThatIsNotTheCertificatesStopsStartNamingTheKey() {
        TestPki pki = TestPki.create(dir.resolve("pki"));
        String yaml = TestConfs.replaceOnce(TestConfs.withSmpp(TestConfs.yaml(dir, ""), dir, 2776),
                "  port: 0\n  accounts:\n", "  port: 0\n  tls:\n    enabled: true\n    port: 0\n    certificate: \""
                        + pki.serverCertificate + "\"\n    privateKey: \"" + pki.clientKey + "\"\n  accounts:\n");
        GatewayConfig config = ConfigLoader.parse("t", yaml).config();
        ConfigException e = assertThrows(ConfigException.class, () -> Gateway.start(config));
        assertEquals("smpp.tls.privateKey", e.key());
    }
}
