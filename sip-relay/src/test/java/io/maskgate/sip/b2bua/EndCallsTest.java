package io.maskgate.sip.b2bua;

import static io.maskgate.sip.b2bua.RelayFixture.CALLEE;
import static io.maskgate.sip.b2bua.RelayFixture.CALLER;
import static io.maskgate.sip.b2bua.RelayFixture.PROXY;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SipRelay#endCalls}: an established call between two real sipp processes is ended by the
 * gateway with BYE on both legs, each carrying the Reason, and within a second; a call the
 * predicate does not select stays up.
 */
class EndCallsTest {

    @Test
    void aSelectedCallGetsByeOnBothLegsWithinOneSecond(@TempDir Path dir) {
        try (RelayFixture f = new RelayFixture(B2buaOptions.create())) {
            Sipp callee = Sipp.uas(dir.resolve("uas"), "uas-answer-wait-bye.xml", f.trunkPort, CALLEE.e164());
            Sipp caller = Sipp.uac(dir.resolve("uac"), "uac-call-wait-bye.xml", f.udpPort(), PROXY.e164(),
                    CALLER.e164());
            try {
                RelayFixture.awaitCalls(f, CallOutcome.CONNECTED);
                assertEquals(0, f.relay.endCalls(call -> call.involves("nobody"), SipRelay.CONSENT_REVOKED_REASON)
                        .orTimeout(5, TimeUnit.SECONDS).join(), "a call the predicate does not select stays up");
                assertTrue(caller.isAlive() && callee.isAlive());

                long start = System.nanoTime();
                int ended = f.relay.endCalls(call -> call.answered() && call.purpose().equals("delivery")
                        && call.involves("rider-1"), SipRelay.CONSENT_REVOKED_REASON)
                        .orTimeout(5, TimeUnit.SECONDS).join();

                assertEquals(1, ended);
                await().atMost(Duration.ofSeconds(1)).until(() -> !caller.isAlive() && !callee.isAlive());
                long tookMillis = (System.nanoTime() - start) / 1_000_000;
                caller.assertPassed();
                callee.assertPassed();
                assertTrue(tookMillis < 1000, "both BYEs answered in " + tookMillis + " ms");
                for (byte[] log : new byte[][] {caller.messageLog(), callee.messageLog()}) {
                    assertTrue(new String(log, StandardCharsets.ISO_8859_1)
                            .contains("Reason: Q.850;cause=16;text=\"consent revoked\""), "BYE without the Reason");
                }
                SippCallTest.assertNoLeak(caller.messageLog(), callee.messageLog());
            } finally {
                caller.kill();
                callee.kill();
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> f.relay.activeCalls() == 0);
        }
    }
}
