package io.maskgate.sip.b2bua;

import static io.maskgate.sip.b2bua.RelayFixture.CALLEE;
import static io.maskgate.sip.b2bua.RelayFixture.CALLER;
import static io.maskgate.sip.b2bua.RelayFixture.PROXY;
import static io.maskgate.sip.b2bua.RelayFixture.awaitCalls;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.sip.auth.DigestAlgorithm;
import io.maskgate.sip.auth.SipDigestAuthOptions;
import io.maskgate.sip.auth.SipDigestUser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Digest authentication of carriers (DESIGN.md section 6) against sipp's own digest client: a
 * caller with the right password is challenged once and then connected; one with a wrong password
 * is refused 403 and the callee side receives nothing; its credentials never reach the callee.
 */
class SippDigestAuthTest {

    private static final String USER = "carrier-a";
    private static final String PASSWORD = "kept in a file named by conf";

    @Test
    void aCallerWithTheRightPasswordIsChallengedOnceThenConnected(@TempDir Path dir) {
        try (RelayFixture f = new RelayFixture(withDigestAuth())) {
            Sipp callee = Sipp.uas(dir.resolve("uas"), "uas-answer-wait-bye.xml", f.trunkPort, CALLEE.e164());
            Sipp caller = Sipp.uac(dir.resolve("uac"), "uac-auth-call.xml", f.udpPort(), PROXY.e164(), CALLER.e164(),
                    "-au", USER, "-ap", PASSWORD);
            Sipp.assertBothPassed(caller, callee);
            awaitCalls(f, CallOutcome.CHALLENGED);
            awaitCalls(f, CallOutcome.CONNECTED);
            String callerLog = caller.messageLogText();
            assertTrue(callerLog.contains("Proxy-Authenticate: Digest realm=\"maskgate\""), callerLog);
            String calleeLog = callee.messageLogText();
            assertFalse(calleeLog.contains("Authorization") || calleeLog.contains(USER),
                    "the caller's credentials stay on the caller's leg");
            SippCallTest.assertNoLeak(caller.messageLog(), callee.messageLog());
        }
    }

    @Test
    void aWrongPasswordIs403AndTheCalleeSideGetsNothing(@TempDir Path dir) {
        try (RelayFixture f = new RelayFixture(withDigestAuth());
                ScriptedUdp trunk = new ScriptedUdp(f.trunkPort, 1500)) {
            Sipp caller = Sipp.uac(dir, "uac-auth-refused.xml", f.udpPort(), PROXY.e164(), CALLER.e164(),
                    "-au", USER, "-ap", "a guess");
            caller.assertPassed();
            awaitCalls(f, CallOutcome.CHALLENGED);
            awaitCalls(f, CallOutcome.REFUSED_AUTH);
            assertEquals(Optional.empty(), trunk.receive(), "the callee trunk received a message");
        }
    }

    private static B2buaOptions withDigestAuth() {
        return B2buaOptions.builder().digestAuth(Optional.of(new SipDigestAuthOptions("maskgate", DigestAlgorithm.MD5,
                Duration.ofSeconds(30), List.of(SipDigestUser.of(USER, "maskgate", PASSWORD))))).build();
    }
}
