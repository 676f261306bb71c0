package io.maskgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.maskgate.server.config.ConfigLoader;
import io.maskgate.server.config.SmppConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key-by-key comparison of a running conf with a reloaded one, on real conf texts. */
class ReloaderTest {

    @TempDir
    Path dir;

    @Test
    void anIdenticalConfChangesNothing() {
        String yaml = sipAndSmpp();
        Reloader.Diff diff = Reloader.diff(values(yaml), values(yaml));
        assertEquals(List.of(), diff.applied());
        assertEquals(List.of(), diff.restartRequired());
    }

    @Test
    void trunkWeightsAclOverloadRateLimitsAndTheConsentCapAreLiveListenersAndStoreAreNot() {
        String before = sipAndSmpp();
        String after = TestConfs.replaceOnce(before, "      port: 5070\n", "      port: 5070\n      weight: 7\n")
                .replace("sip:\n  enabled: true\n", "sip:\n  enabled: true\n  acl:\n    - \"10.1.0.0/16\"\n"
                        + "  overload:\n    rejectNewCallsAtQueuePercent: 40\n    answerOptionsWith503: true\n")
                .replaceFirst("(      passwordSha256: [0-9a-f]{64}\n)", "$1      ratePerSecond: 5\n")
                .replace("  maxTtlSeconds: 86400\n", "  maxTtlSeconds: 7200\n")
                .replace("  udp:\n    listen: 127.0.0.1\n    port: 0\n", "  udp:\n    listen: 127.0.0.1\n    port: 5099\n")
                + "consent:\n  cache:\n    maxTtlSeconds: 60\n";
        Reloader.Diff diff = Reloader.diff(values(before), values(after));
        assertEquals(List.of("consent.cache.maxTtlSeconds", "sip.acl", "sip.overload.answerOptionsWith503",
                "sip.overload.rejectNewCallsAtQueuePercent",
                "sip.trunks[0].weight", "smpp.accounts[0].ratePerSecond"), diff.applied());
        assertEquals(List.of("sessions.maxTtlSeconds", "sip.udp.port"), diff.restartRequired());
    }

    @Test
    void namedCarriersAndTheirLimitsAreLive() {
        String before = sipAndSmpp();
        String after = before.replace("sip:\n  enabled: true\n", "sip:\n  enabled: true\n  carriers:\n"
                + "    - name: local\n      addresses:\n        - 127.0.0.1\n      maxCalls: 10\n");
        Reloader.Diff diff = Reloader.diff(values(before), values(after));
        assertEquals(List.of("sip.carriers", "sip.carriers[0].addresses", "sip.carriers[0].maxCalls",
                "sip.carriers[0].maxCallsPerSecond", "sip.carriers[0].name"), diff.applied());
        assertEquals(List.of(), diff.restartRequired());
    }

    @Test
    void theLogLevelIsLiveTheLogFormatIsNot() {
        String before = sipAndSmpp();
        String after = before + "logging:\n  level: debug\n  format: json\n";
        Reloader.Diff diff = Reloader.diff(values(before), values(after));
        assertEquals(List.of("logging.level"), diff.applied());
        assertEquals(List.of("logging.format"), diff.restartRequired());
    }

    @Test
    void anAddedTrunkIsLiveAndAChangedPasswordNeedsARestart() {
        String before = sipAndSmpp();
        String after = before.replace("  trunks:\n", "  trunks:\n    - name: second\n      host: 127.0.0.1\n"
                        + "      port: 5080\n")
                .replaceFirst("passwordSha256: [0-9a-f]{64}", "passwordSha256: " + "ab".repeat(32));
        Reloader.Diff diff = Reloader.diff(values(before), values(after));
        assertEquals(true, diff.applied().contains("sip.trunks"), diff.toString());
        assertEquals(true, diff.applied().contains("sip.trunks[1].name"), diff.toString());
        assertEquals(List.of("smpp.accounts[0].passwordSha256"), diff.restartRequired());
    }

    @Test
    void onlyTheLimitsOfARunningAccountChange() {
        SmppConfig.Account running = new SmppConfig.Account("esme1", "aa".repeat(32), 2, 0, 0, true);
        SmppConfig.Account next = new SmppConfig.Account("esme1", "bb".repeat(32), 5, 10, 20, false);
        SmppConfig.Account other = new SmppConfig.Account("other", "cc".repeat(32), 1, 1, 1, false);
        List<SmppConfig.Account> merged = ConfReload.withNewLimits(List.of(running), List.of(other, next));
        assertEquals(List.of(new SmppConfig.Account("esme1", "aa".repeat(32), 5, 10, 20, true)), merged);
    }

    private String sipAndSmpp() {
        return TestConfs.withSmpp(TestConfs.withSip(TestConfs.yaml(dir, ""), 5070), dir, 2776);
    }

    private static Map<String, Object> values(String yaml) {
        return ConfigLoader.parse("t", yaml).values().asMap();
    }
}
