package io.maskgate.sip.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.sip.screen.InboundScreen;
import io.maskgate.sip.testing.RecordingInbound;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real sipp (/usr/bin/sipp) sends five OPTIONS to a started transport and must get five 200s.
 * sipp runs bounded: -m 5 calls, -timeout 10s with -timeout_error, and the process is killed if
 * it outlives 30 s.
 */
class SippOptionsTest {

    @ParameterizedTest(name = "sipp over {0}")
    @ValueSource(strings = {"u1", "t1"})
    void sippGetsTwoHundredsForOptions(String sippTransport, @TempDir Path dir) throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        try (SipTransport transport = SipTransport.start(SipTransportOptions.builder()
                .udpBindAddresses(List.of(any)).tcpBindAddresses(List.of(any)).ioThreads(2).build(),
                InboundScreen.create(), new RecordingInbound(), registry)) {
            InetSocketAddress target = sippTransport.equals("u1") ? transport.udpLocalAddresses().get(0)
                    : transport.tcpLocalAddresses().get(0);
            File scenario = new File(Objects.requireNonNull(getClass().getResource("/sipp/options-uac.xml")).toURI());
            Process sipp = new ProcessBuilder("/usr/bin/sipp", "-sf", scenario.getAbsolutePath(),
                    "-t", sippTransport, "-i", "127.0.0.1", "-p", "0", "-m", "5", "-r", "5",
                    "-timeout", "10s", "-timeout_error", "-nostdin", "-trace_err",
                    "127.0.0.1:" + target.getPort())
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("sipp.out").toFile())
                    .start();
            boolean exited = sipp.waitFor(30, TimeUnit.SECONDS);
            if (!exited) {
                sipp.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            assertTrue(exited, () -> "sipp did not finish: " + tail(dir.resolve("sipp.out")));
            assertEquals(0, sipp.exitValue(), () -> "sipp failed: " + tail(dir.resolve("sipp.out")));
            assertEquals(5.0, registry.get(SipMetrics.RESPONSES_SENT).tag(SipMetrics.TAG_STATUS_CLASS, "2xx")
                    .counter().count());
        }
    }

    private static String tail(Path file) {
        try {
            String s = Files.readString(file);
            return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
        } catch (IOException e) {
            return "(no output: " + e.getClass().getSimpleName() + ")";
        }
    }
}
