package io.maskgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.keystore.KeystoreException;
import io.maskgate.server.config.ConfigLoader;
import io.maskgate.server.config.GatewayConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayTest {

    @TempDir
    Path dir;

    @Test
    void createsTheKeyFileOnceAndReusesIt() {
        GatewayConfig config = TestConfs.config(dir, "");
        Path keyFile = config.keystore().file();
        try (Gateway g = Gateway.start(config)) {
            assertTrue(Files.isRegularFile(keyFile) && g.adminPort() > 0);
        }
        long size = keyFile.toFile().length();
        try (Gateway g = Gateway.start(config)) {
            assertEquals(size, keyFile.toFile().length());
            assertTrue(g.adminPort() > 0);
        }
    }

    @Test
    void refusesToStartWithoutKeyFileUnlessAllowed() {
        GatewayConfig config = ConfigLoader.parse("t", TestConfs.yaml(dir, "")
                .replace("createIfMissing: true", "createIfMissing: false")).config();
        KeystoreException e = assertThrows(KeystoreException.class, () -> Gateway.start(config));
        assertTrue(e.getMessage().contains("keystore.createIfMissing"), e.getMessage());
    }

    @Test
    void closeStopsTheAdminListenerAndIsIdempotent() {
        Gateway g = Gateway.start(TestConfs.config(dir, ""));
        int port = g.adminPort();
        assertTrue(port > 0);
        g.close();
        g.close();
        assertThrows(ConnectException.class, () -> connect(port));
    }

    @Test
    void portInUseFailsStartAndReleasesWhatWasBuilt() {
        try (Gateway first = Gateway.start(TestConfs.config(dir, ""))) {
            GatewayConfig clash = TestConfs.config(dir, "").withAdminPort(first.adminPort());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Gateway.start(clash));
            assertTrue(e.getMessage().contains("cannot bind the admin API to 127.0.0.1:" + first.adminPort()));
        }
    }

    private static void connect(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        }
    }
}
