package io.maskgate.sip.b2bua;

import static io.maskgate.sip.b2bua.RelayFixture.CALLER;
import static io.maskgate.sip.b2bua.RelayFixture.PROXY;
import static io.maskgate.sip.b2bua.RelayFixture.awaitCalls;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.sip.trunk.TrunkAttemptResult;
import io.maskgate.sip.trunk.TrunkGroup;
import io.maskgate.testing.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    /** A trunk with all its channels taken (maxCalls) is passed over: the call goes to the next trunk. */
    @Test
    void aTrunkWithEveryPlaceTakenIsPassedOver() {
        int backupPort = FreePorts.tcpAndUdp();
        try (RelayFixture f = new RelayFixture(B2buaOptions.create(), null, List.of(backupPort),
                trunk -> trunk.maxCalls(1), UnaryOperator.identity());
                ScriptedUdp first = new ScriptedUdp(f.trunkPort, 5000);
                ScriptedUdp backup = new ScriptedUdp(backupPort, 5000);
                ScriptedUdp carrier = new ScriptedUdp(0, 5000)) {
            answerOneCallOnTheFirstTrunk(f, first, carrier);
            carrier.send(ScriptedUdp.invite(carrier.port(), f.udpPort(), "full-2", "z9hG4bK-full2", PROXY.e164(),
                    CALLER.e164()), f.udpPort());
            String toBackup = backup.receiveStarting("INVITE").orElseThrow(() -> new AssertionError("not passed over"));
            backup.send(ScriptedUdp.response(toBackup, 486, "Busy Here", "t2"), f.udpPort());
            assertEquals(486, ScriptedUdp.status(carrier.receiveStarting("SIP/2.0 486").orElseThrow()));
            assertEquals(Map.of(TrunkAttemptResult.ANSWERED, 1.0), f.trunkAttempts("callee-trunk"),
                    "the full trunk got no second INVITE");
            assertEquals(1.0, f.registry.get(TrunkGroup.TRUNK_CALLS_ACTIVE).tag(TrunkGroup.TAG_TRUNK, "callee-trunk")
                    .gauge().value());
        }
    }

    /** A trunk's CPS limit counts new calls, not calls up: the second call of the second goes to the next trunk. */
    @Test
    void aTrunkOverItsCallsPerSecondIsPassedOver() {
        int backupPort = FreePorts.tcpAndUdp();
        try (RelayFixture f = new RelayFixture(B2buaOptions.create(), null, List.of(backupPort),
                trunk -> trunk.maxCallsPerSecond(1), UnaryOperator.identity());
                ScriptedUdp first = new ScriptedUdp(f.trunkPort, 5000);
                ScriptedUdp backup = new ScriptedUdp(backupPort, 5000);
                ScriptedUdp carrier = new ScriptedUdp(0, 5000)) {
            carrier.send(ScriptedUdp.invite(carrier.port(), f.udpPort(), "cps-1", "z9hG4bK-cps1", PROXY.e164(),
                    CALLER.e164()), f.udpPort());
            String toFirst = first.receiveStarting("INVITE").orElseThrow();
            first.send(ScriptedUdp.response(toFirst, 486, "Busy Here", "t1"), f.udpPort());
            carrier.receiveStarting("SIP/2.0 486").orElseThrow();
            carrier.send(ScriptedUdp.invite(carrier.port(), f.udpPort(), "cps-2", "z9hG4bK-cps2", PROXY.e164(),
                    CALLER.e164()), f.udpPort());
            String toBackup = backup.receiveStarting("INVITE").orElseThrow(() -> new AssertionError("not passed over"));
            assertTrue(toBackup.contains("Call-ID: "), toBackup);
            assertEquals(Map.of(TrunkAttemptResult.BUSY, 1.0), f.trunkAttempts("callee-trunk"),
                    "the trunk got one INVITE in its second");
        }
    }

    @Test
    void whenEveryTrunkIsFullTheCallerGets503WithRetryAfter() {
        try (RelayFixture f = new RelayFixture(B2buaOptions.create(), null, List.of(), trunk -> trunk.maxCalls(1),
                UnaryOperator.identity());
                ScriptedUdp first = new ScriptedUdp(f.trunkPort, 1500);
                ScriptedUdp carrier = new ScriptedUdp(0, 5000)) {
            answerOneCallOnTheFirstTrunk(f, first, carrier);
            carrier.send(ScriptedUdp.invite(carrier.port(), f.udpPort(), "full-3", "z9hG4bK-full3", PROXY.e164(),
                    CALLER.e164()), f.udpPort());
            String refused = carrier.receiveStarting("SIP/2.0 503").orElseThrow();
            assertTrue(refused.contains("Retry-After: "), refused);
            awaitCalls(f, CallOutcome.FAILED_TRUNKS_FULL);
            assertTrue(first.receive().filter(m -> m.startsWith("INVITE")).isEmpty(), "the full trunk got an INVITE");
        }
    }

    /** A call gives its place back when it ends: two calls in turn on a one-channel trunk both connect. */
    @Test
    void aCallGivesItsPlaceBackWhenItEnds(@TempDir Path dir) {
        try (RelayFixture f = new RelayFixture(B2buaOptions.create(), null, List.of(), trunk -> trunk.maxCalls(1),
                UnaryOperator.identity())) {
            for (int call = 1; call <= 2; call++) {
                f.callWithSipp(dir.resolve(Integer.toString(call)), call);
            }
            assertEquals(0.0, f.registry.get(TrunkGroup.TRUNK_CALLS_ACTIVE).tag(TrunkGroup.TAG_TRUNK, "callee-trunk")
                    .gauge().value());
        }
    }

    /** Call full-1: answered on the first trunk, and left up (the 200 waits for its ACK). */
    private static void answerOneCallOnTheFirstTrunk(RelayFixture f, ScriptedUdp first, ScriptedUdp carrier) {
        carrier.send(ScriptedUdp.invite(carrier.port(), f.udpPort(), "full-1", "z9hG4bK-full1", PROXY.e164(),
                CALLER.e164()), f.udpPort());
        String invite = first.receiveStarting("INVITE").orElseThrow();
        first.send(ScriptedUdp.response(invite, 200, "OK", "t1"), f.udpPort());
        carrier.receiveStarting("SIP/2.0 200").orElseThrow();
    }
}
