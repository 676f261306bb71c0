package io.maskgate.sip.b2bua;

import static io.maskgate.sip.b2bua.RelayFixture.CALLER;
import static io.maskgate.sip.b2bua.RelayFixture.PROXY;
import static io.maskgate.sip.b2bua.RelayFixture.awaitCalls;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Timer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The setup histogram counts the callee's time; the gateway's share leaves it out, so on-call can
 * tell a slow gateway from a slow callee.
 */
class SetupInGatewayMetricTest {

    private static final long CALLEE_RINGS_AFTER_MS = 400;

    @Test
    void theCalleesTimeCountsInTheSetupButNotInTheGatewaysShare() throws Exception {
        try (RelayFixture f = new RelayFixture(B2buaOptions.create());
                ScriptedUdp callee = new ScriptedUdp(f.trunkPort, 5000);
                ScriptedUdp carrier = new ScriptedUdp(0, 5000)) {
            carrier.send(ScriptedUdp.invite(carrier.port(), f.udpPort(), "share-1", "z9hG4bK-share1", PROXY.e164(),
                    CALLER.e164()), f.udpPort());
            String invite = callee.receiveStarting("INVITE").orElseThrow();
            // the callee's own time before it rings, not the gateway's: the 180 leaves 400 ms from
            // now, and the test waits for it to reach the carrier
            CompletableFuture.delayedExecutor(CALLEE_RINGS_AFTER_MS, TimeUnit.MILLISECONDS).execute(
                    () -> callee.send(ScriptedUdp.response(invite, 180, "Ringing", "callee-1"), f.udpPort()));
            assertEquals(180, ScriptedUdp.status(carrier.receiveStarting("SIP/2.0 180").orElseThrow()));
            callee.send(ScriptedUdp.response(invite, 486, "Busy Here", "callee-1"), f.udpPort());
            assertEquals(486, ScriptedUdp.status(carrier.receiveStarting("SIP/2.0 486").orElseThrow()));
            awaitCalls(f, CallOutcome.FAILED_BUSY);

            Timer total = f.registry.get(CallMetrics.CALL_SETUP).timer();
            Timer inGateway = f.registry.get(CallMetrics.CALL_SETUP_IN_GATEWAY).timer();
            assertEquals(1, total.count());
            assertEquals(1, inGateway.count());
            double totalMs = total.totalTime(TimeUnit.MILLISECONDS);
            double inGatewayMs = inGateway.totalTime(TimeUnit.MILLISECONDS);
            assertTrue(totalMs >= CALLEE_RINGS_AFTER_MS, "setup " + totalMs + " ms includes the callee's wait");
            assertTrue(inGatewayMs > 0, "the gateway's share is measured");
            // the share must not contain the callee's wait. Not "share <= setup - wait": the callee's
            // 400 ms start when it reads the INVITE, which can be before the gateway has taken its
            // time stamp after sending it (0.6 ms apart once, in a fresh JVM on a slow box)
            assertTrue(inGatewayMs < CALLEE_RINGS_AFTER_MS / 2,
                    "gateway share " + inGatewayMs + " ms of setup " + totalMs + " ms");
        }
    }
}
