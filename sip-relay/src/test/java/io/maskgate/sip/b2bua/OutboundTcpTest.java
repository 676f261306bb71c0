package io.maskgate.sip.b2bua;

import static io.maskgate.sip.b2bua.RelayFixture.CALLEE;
import static io.maskgate.sip.b2bua.RelayFixture.CALLER;
import static io.maskgate.sip.b2bua.RelayFixture.PROXY;
import static io.maskgate.sip.b2bua.RelayFixture.awaitCalls;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.sip.transport.SipMetrics;
import io.maskgate.sip.transport.SipTransportType;
import io.maskgate.testing.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outbound legs over TCP: a trunk configured for TCP, and a TCP trunk that refuses the connection. */
class OutboundTcpTest {

    @Test
    void aCallToATcpTrunkIsCarriedOverTcpToSipp(@TempDir Path dir) {
        B2buaOptions options = B2buaOptions.builder().ringTimeout(Duration.ofSeconds(2)).build();
        try (RelayFixture f = new RelayFixture(options, null, List.of(), t -> t.transport(SipTransportType.TCP),
                UnaryOperator.identity())) {
            Sipp callee = Sipp.uasTcp(dir.resolve("uas"), "uas-answer-wait-bye.xml", f.trunkPort, CALLEE.e164());
            Sipp caller = Sipp.uac(dir.resolve("uac"), "uac-call-bye.xml", f.udpPort(), PROXY.e164(), CALLER.e164());
            Sipp.assertBothPassed(caller, callee);
            awaitCalls(f, CallOutcome.CONNECTED);
            String calleeLog = callee.messageLogText();
            assertTrue(calleeLog.contains("Via: SIP/2.0/TCP 127.0.0.1:" + f.tcpPort()), calleeLog);
            assertTrue(calleeLog.contains(";transport=tcp>"), "our Contact names TCP");
            assertFalse(calleeLog.contains("SIP/2.0/UDP"), "nothing on the callee leg claims UDP");
            // INVITE, ACK and BYE shared one connection
            assertEquals(1.0, f.registry.get(SipMetrics.CONNECTIONS_OPENED)
                    .tag(SipMetrics.TAG_TRANSPORT, "tcp").counter().count());
            SippCallTest.assertNoLeak(caller.messageLog(), callee.messageLog());
        }
    }

    @Test
    void aTcpTrunkThatRefusesTheConnectionIsFailedOver() {
        int backupPort = FreePorts.tcpAndUdp();
        try (RelayFixture f = new RelayFixture(B2buaOptions.create(), null, List.of(backupPort),
                t -> t.transport(SipTransportType.TCP), UnaryOperator.identity());
                ScriptedUdp backup = new ScriptedUdp(backupPort, 5000);
                ScriptedUdp carrier = new ScriptedUdp(0, 5000)) {
            // nothing listens on TCP f.trunkPort: the connect is refused at once
            carrier.send(ScriptedUdp.invite(carrier.port(), f.udpPort(), "tcp-refused-1", "z9hG4bK-tr1", PROXY.e164(),
                    CALLER.e164()), f.udpPort());
            String toBackup = backup.receiveStarting("INVITE").orElseThrow(() -> new AssertionError("no failover"));
            assertTrue(toBackup.contains("Via: SIP/2.0/UDP"), toBackup);
            backup.send(ScriptedUdp.response(toBackup, 486, "Busy Here", "b1"), f.udpPort());
            assertEquals(486, ScriptedUdp.status(carrier.receiveStarting("SIP/2.0 486").orElseThrow()));
            awaitCalls(f, CallOutcome.FAILED_BUSY);
            assertEquals(1.0, f.registry.get(SipMetrics.CONNECT_FAILURES).tag(SipMetrics.TAG_TRANSPORT, "tcp")
                    .counter().count());
        }
    }
}
