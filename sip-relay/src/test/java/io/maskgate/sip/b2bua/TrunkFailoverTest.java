package io.maskgate.sip.b2bua;

import static io.maskgate.sip.b2bua.RelayFixture.CALLER;
import static io.maskgate.sip.b2bua.RelayFixture.PROXY;
import static io.maskgate.sip.b2bua.RelayFixture.awaitCalls;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.sip.trunk.TrunkAttemptResult;
import io.maskgate.testing.FreePorts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Failover along the trunk list on 503 and on silence, before any 1xx beyond 100. */
class TrunkFailoverTest {

    @Test
    void a503FromTheFirstTrunkMovesTheCallToTheNext() {
        int backupPort = FreePorts.tcpAndUdp();
        try (RelayFixture f = new RelayFixture(B2buaOptions.create(), null, List.of(backupPort));
                ScriptedUdp first = new ScriptedUdp(f.trunkPort, 5000);
                ScriptedUdp backup = new ScriptedUdp(backupPort, 5000);
                ScriptedUdp carrier = new ScriptedUdp(0, 5000)) {
            carrier.send(ScriptedUdp.invite(carrier.port(), f.udpPort(), "fo-1", "z9hG4bK-fo1", PROXY.e164(),
                    CALLER.e164()), f.udpPort());
            String toFirst = first.receiveStarting("INVITE").orElseThrow();
            first.send(ScriptedUdp.response(toFirst, 503, "Service Unavailable", "t1"), f.udpPort());
            String toBackup = backup.receiveStarting("INVITE").orElseThrow(() -> new AssertionError("no failover"));
            assertTrue(toBackup.contains("CSeq: 2 INVITE"), toBackup);
            backup.send(ScriptedUdp.response(toBackup, 486, "Busy Here", "t2"), f.udpPort());
            assertEquals(486, ScriptedUdp.status(carrier.receiveStarting("SIP/2.0 486").orElseThrow()));
            awaitCalls(f, CallOutcome.FAILED_BUSY);
            assertEquals(Map.of(TrunkAttemptResult.UNAVAILABLE, 1.0), f.trunkAttempts("callee-trunk"));
            assertEquals(Map.of(TrunkAttemptResult.BUSY, 1.0), f.trunkAttempts("backup-0"));
        }
    }

    @Test
    void aSilentTrunkIsGivenUpAfterTheFailoverTimeout() {
        int backupPort = FreePorts.tcpAndUdp();
        B2buaOptions options = B2buaOptions.builder().failoverTimeout(Duration.ofMillis(300)).build();
        try (RelayFixture f = new RelayFixture(options, null, List.of(backupPort));
                ScriptedUdp first = new ScriptedUdp(f.trunkPort, 5000);
                ScriptedUdp backup = new ScriptedUdp(backupPort, 5000);
                ScriptedUdp carrier = new ScriptedUdp(0, 5000)) {
            carrier.send(ScriptedUdp.invite(carrier.port(), f.udpPort(), "fo-2", "z9hG4bK-fo2", PROXY.e164(),
                    CALLER.e164()), f.udpPort());
            first.receiveStarting("INVITE").orElseThrow();
            String toBackup = backup.receiveStarting("INVITE").orElseThrow(() -> new AssertionError("no failover"));
            backup.send(ScriptedUdp.response(toBackup, 486, "Busy Here", "t2"), f.udpPort());
            assertEquals(486, ScriptedUdp.status(carrier.receiveStarting("SIP/2.0 486").orElseThrow()));
            assertEquals(Map.of(TrunkAttemptResult.TIMEOUT, 1.0), f.trunkAttempts("callee-trunk"),
                    "the silent trunk's attempt counts once, as given up");
        }
    }
}
