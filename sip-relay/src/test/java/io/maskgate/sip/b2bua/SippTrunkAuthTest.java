package io.maskgate.sip.b2bua;

import static io.maskgate.sip.b2bua.RelayFixture.CALLEE;
import static io.maskgate.sip.b2bua.RelayFixture.CALLER;
import static io.maskgate.sip.b2bua.RelayFixture.PROXY;
import static io.maskgate.sip.b2bua.RelayFixture.awaitCalls;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.sip.auth.DigestAccount;
import io.maskgate.sip.trunk.TrunkAttemptResult;
import io.maskgate.sip.trunk.TrunkOptions;
import io.maskgate.testing.FreePorts;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outbound trunks that authenticate the gateway by digest (RFC 3261 section 22.2): the gateway
 * answers the trunk's challenge to its INVITE and to its BYE with the account conf names for that
 * trunk, carries the credentials on the ACK of the 200, gives up on a trunk that challenges its
 * answer, and never shows a trunk's challenge to the caller, who could not answer it.
 */
class SippTrunkAuthTest {

    private static final String USER = "maskgate-trunk";
    private static final String PASSWORD = "trunk secret";

    @Test
    void theTrunksChallengesToInviteAndByeAreAnsweredAndTheCallConnects(@TempDir Path dir) {
        try (RelayFixture f = withTrunk(trunk -> trunk.account(new DigestAccount(USER, PASSWORD)))) {
            Sipp trunk = Sipp.uas(dir.resolve("uas"), "uas-auth-trunk.xml", f.trunkPort, CALLEE.e164());
            Sipp caller = Sipp.uac(dir.resolve("uac"), "uac-call-bye.xml", f.udpPort(), PROXY.e164(), CALLER.e164());
            Sipp.assertBothPassed(caller, trunk);
            awaitCalls(f, CallOutcome.CONNECTED);
            assertEquals(Map.of(TrunkAttemptResult.CHALLENGED, 1.0, TrunkAttemptResult.ANSWERED, 1.0),
                    f.trunkAttempts("callee-trunk"));
            String trunkLog = trunk.messageLogText();
            assertFalse(trunkLog.contains("Wrong credentials"), "the trunk's verifyauth refused an answer: " + trunkLog);
            assertTrue(trunkLog.contains("Authorization: Digest username=\"" + USER + "\""), trunkLog);
            assertFalse(trunkLog.contains(PASSWORD), "the password itself went on the wire");
            String callerLog = caller.messageLogText();
            assertFalse(callerLog.contains("SIP/2.0 401") || callerLog.contains("WWW-Authenticate")
                    || callerLog.contains("trunk.example"), "the trunk's challenge reached the caller");
            SippCallTest.assertNoLeak(caller.messageLog(), trunk.messageLog());
        }
    }

    /**
     * With authAhead, the second call's INVITE carries the answer to the first call's challenge
     * (same nonce, nc 2), and so does the caller's BYE relayed to the trunk (nc 3); neither is
     * challenged. A trunk that does not take the nonce again challenges the third call's INVITE
     * and BYE, which are answered as usual: the call connects and ends.
     */
    @Test
    void withAuthAheadTheNextInviteCarriesTheLastChallengesAnswer(@TempDir Path dir) {
        try (RelayFixture f = withTrunk(trunk -> trunk.account(new DigestAccount(USER, PASSWORD)).authAhead(true))) {
            String[] trunkScenarios = {"uas-auth-trunk.xml", "uas-auth-ahead.xml", "uas-auth-trunk.xml"};
            String[] trunkLogs = new String[3];
            for (int call = 1; call <= 3; call++) {
                Sipp trunk = Sipp.uas(dir.resolve(call + "/uas"), trunkScenarios[call - 1], f.trunkPort, CALLEE.e164());
                Sipp caller = Sipp.uac(dir.resolve(call + "/uac"), "uac-call-bye.xml", f.udpPort(), PROXY.e164(),
                        CALLER.e164());
                Sipp.assertBothPassed(caller, trunk);
                trunkLogs[call - 1] = trunk.messageLogText();
                assertFalse(caller.messageLogText().contains("trunk.example"),
                        "a challenge reached the caller");
            }
            // call 1: the INVITE's challenge answered (nc 1); the BYE went ahead with it (nc 2), was
            // challenged by this trunk all the same, and answered
            assertTrue(trunkLogs[0].contains("nc=00000001") && trunkLogs[0].contains("nc=00000002"), trunkLogs[0]);
            // call 2: INVITE (nc 3) and BYE (nc 4) ahead with call 1's INVITE nonce, neither challenged
            assertTrue(trunkLogs[1].contains("nc=00000003"), "not the first call's nonce again: " + trunkLogs[1]);
            assertTrue(trunkLogs[1].contains("nc=00000004"), "the BYE went ahead too: " + trunkLogs[1]);
            assertFalse(trunkLogs[1].contains("SIP/2.0 401") || trunkLogs[1].contains("SIP/2.0 403"), trunkLogs[1]);
            // call 3: the INVITE went ahead (nc 5), was challenged and answered (a new nonce, nc 1)
            assertTrue(trunkLogs[2].contains("nc=00000005") && trunkLogs[2].contains("nc=00000001"),
                    "the third INVITE went ahead, was challenged and answered: " + trunkLogs[2]);
            assertEquals(Map.of(TrunkAttemptResult.CHALLENGED, 2.0, TrunkAttemptResult.ANSWERED, 3.0),
                    f.trunkAttempts("callee-trunk"));
            for (String log : trunkLogs) {
                assertFalse(log.contains(PASSWORD), "the password itself went on the wire");
            }
        }
    }

    /** A re-INVITE relayed from the caller is challenged by the trunk: the copy goes again with the answer. */
    @Test
    void aChallengedReInviteIsSentAgainWithCredentialsAndItsAckCarriesThem(@TempDir Path dir) {
        try (RelayFixture f = withTrunk(trunk -> trunk.account(new DigestAccount(USER, PASSWORD)))) {
            Sipp trunk = Sipp.uas(dir.resolve("uas"), "uas-auth-reinvite.xml", f.trunkPort, CALLEE.e164());
            Sipp caller = Sipp.uac(dir.resolve("uac"), "uac-reinvite.xml", f.udpPort(), PROXY.e164(), CALLER.e164());
            Sipp.assertBothPassed(caller, trunk);
            String callerLog = caller.messageLogText();
            assertFalse(callerLog.contains("SIP/2.0 407") || callerLog.contains("sbc.example"),
                    "the trunk's challenge reached the caller");
            SippCallTest.assertNoLeak(caller.messageLog(), trunk.messageLog());
        }
    }

    @Test
    void aTrunkThatChallengesOurAnswerIsGivenUpAndTheCallerGets503(@TempDir Path dir) {
        try (RelayFixture f = withTrunk(trunk -> trunk.account(new DigestAccount(USER, "not what the trunk knows")))) {
            Sipp trunk = Sipp.uas(dir.resolve("uas"), "uas-auth-trunk-refuses.xml", f.trunkPort, CALLEE.e164());
            Sipp caller = Sipp.uac(dir.resolve("uac"), "uac-refused.xml", f.udpPort(), PROXY.e164(), CALLER.e164());
            Sipp.assertBothPassed(caller, trunk);
            awaitCalls(f, CallOutcome.FAILED_TRUNK_AUTH);
            assertEquals(Map.of(TrunkAttemptResult.CHALLENGED, 1.0, TrunkAttemptResult.AUTH_FAILED, 1.0),
                    f.trunkAttempts("callee-trunk"));
            String callerLog = caller.messageLogText();
            assertTrue(callerLog.contains("SIP/2.0 503"), callerLog);
            assertFalse(callerLog.contains("SIP/2.0 407") || callerLog.contains("Proxy-Authenticate"),
                    "the trunk's challenge reached the caller");
        }
    }

    /** A trunk that challenges with no account in conf for it did not take the call: the next trunk gets it. */
    @Test
    void aChallengeWithNoAccountToAnswerItMovesTheCallToTheNextTrunk() {
        int backupPort = FreePorts.tcpAndUdp();
        try (RelayFixture f = new RelayFixture(B2buaOptions.create(), null, List.of(backupPort));
                ScriptedUdp first = new ScriptedUdp(f.trunkPort, 5000);
                ScriptedUdp backup = new ScriptedUdp(backupPort, 5000);
                ScriptedUdp carrier = new ScriptedUdp(0, 5000)) {
            carrier.send(ScriptedUdp.invite(carrier.port(), f.udpPort(), "ta-1", "z9hG4bK-ta1", PROXY.e164(),
                    CALLER.e164()), f.udpPort());
            String toFirst = first.receiveStarting("INVITE").orElseThrow();
            first.send(ScriptedUdp.response(toFirst, 407, "Proxy Authentication Required", "t1"), f.udpPort());
            String toBackup = backup.receiveStarting("INVITE").orElseThrow(() -> new AssertionError("no failover"));
            assertFalse(toBackup.contains("Authorization"), toBackup);
            backup.send(ScriptedUdp.response(toBackup, 486, "Busy Here", "t2"), f.udpPort());
            assertEquals(486, ScriptedUdp.status(carrier.receiveStarting("SIP/2.0 486").orElseThrow()));
            awaitCalls(f, CallOutcome.FAILED_BUSY);
            assertEquals(Map.of(TrunkAttemptResult.AUTH_FAILED, 1.0), f.trunkAttempts("callee-trunk"));
        }
    }

    /** A relay whose one trunk is set up by {@code trunk} (its account, authAhead). */
    private static RelayFixture withTrunk(UnaryOperator<TrunkOptions.Builder> trunk) {
        return new RelayFixture(B2buaOptions.create(), null, List.of(), trunk, UnaryOperator.identity());
    }
}
