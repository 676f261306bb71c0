package io.maskgate.server.admin;

import io.maskgate.server.TestConfs;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The admin API contract on the in-process (quick start) store. */
class MemoryStoreAdminApiTest extends AdminApiContract {

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        startGateway(TestConfs.config(dir, ""));
    }
}
