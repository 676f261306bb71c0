package io.maskgate.sip.b2bua;

import static io.maskgate.sip.b2bua.RelayFixture.CALLEE;
import static io.maskgate.sip.b2bua.RelayFixture.CALLER;
import static io.maskgate.sip.b2bua.RelayFixture.PROXY;
import static io.maskgate.sip.b2bua.RelayFixture.awaitCalls;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.sip.policy.LeakPattern;
import io.maskgate.sip.trunk.TrunkAttemptResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole calls through an in-process relay between two real sipp processes on 127.0.0.1: the
 * carrier-side caller (uac) dials the proxy number, the callee trunk (uas) answers. Every case
 * also reads both sipp message logs: the callee never saw the caller's number and the caller
 * never saw the callee's, in any header or body.
 */
class SippCallTest {

    static Stream<Arguments> calls() {
        return Stream.of(
                Arguments.of("caller hangs up", "uac-call-bye.xml", "uas-answer-wait-bye.xml", CallOutcome.CONNECTED,
                        TrunkAttemptResult.ANSWERED),
                Arguments.of("callee hangs up", "uac-call-wait-bye.xml", "uas-answer-send-bye.xml",
                        CallOutcome.CONNECTED, TrunkAttemptResult.ANSWERED),
                Arguments.of("cancel before answer", "uac-cancel.xml", "uas-ring-cancel.xml", CallOutcome.CANCELLED,
                        TrunkAttemptResult.CANCELLED),
                Arguments.of("callee busy", "uac-busy.xml", "uas-busy.xml", CallOutcome.FAILED_BUSY,
                        TrunkAttemptResult.BUSY),
                Arguments.of("no answer", "uac-no-answer.xml", "uas-ring-cancel.xml", CallOutcome.FAILED_NO_ANSWER,
                        TrunkAttemptResult.CANCELLED),
                Arguments.of("re-INVITE", "uac-reinvite.xml", "uas-reinvite.xml", CallOutcome.CONNECTED,
                        TrunkAttemptResult.ANSWERED),
                Arguments.of("100rel and PRACK", "uac-prack.xml", "uas-prack.xml", CallOutcome.CONNECTED,
                        TrunkAttemptResult.ANSWERED),
                Arguments.of("UPDATE before answer", "uac-update-early.xml", "uas-update-early.xml",
                        CallOutcome.CONNECTED, TrunkAttemptResult.ANSWERED),
                Arguments.of("200 OK crosses CANCEL", "uac-cancel.xml", "uas-200-crosses-cancel.xml",
                        CallOutcome.CANCELLED, TrunkAttemptResult.CANCELLED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    void callThroughTheRelay(String name, String uac, String uas, CallOutcome outcome, TrunkAttemptResult atTrunk,
            @TempDir Path dir) {
        B2buaOptions options = B2buaOptions.builder().ringTimeout(Duration.ofSeconds(2)).build();
        try (RelayFixture f = new RelayFixture(options)) {
            Sipp callee = Sipp.uas(dir.resolve("uas"), uas, f.trunkPort, CALLEE.e164());
            Sipp caller = Sipp.uac(dir.resolve("uac"), uac, f.udpPort(), PROXY.e164(), CALLER.e164());
            Sipp.assertBothPassed(caller, callee);
            awaitCalls(f, outcome);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> f.relay.activeCalls() == 0);
            assertEquals(java.util.Map.of(atTrunk, 1.0), f.trunkAttempts("callee-trunk"));
            assertNoLeak(caller.messageLog(), callee.messageLog());
        }
    }

    /**
     * Peers that never hang up (a caller whose phone died after the ACK looks the same to us): the
     * maximum call duration ends the call with BYE on both legs and the dialog table forgets it,
     * so an abandoned call cannot hold a place in the table for good.
     */
    @org.junit.jupiter.api.Test
    void theMaxDurationBackstopEndsACallNobodyHangsUp(@TempDir Path dir) {
        B2buaOptions options = B2buaOptions.builder().maxCallDuration(Duration.ofSeconds(1)).build();
        try (RelayFixture f = new RelayFixture(options)) {
            Sipp callee = Sipp.uas(dir.resolve("uas"), "uas-answer-wait-bye.xml", f.trunkPort, CALLEE.e164());
            Sipp caller = Sipp.uac(dir.resolve("uac"), "uac-call-wait-bye.xml", f.udpPort(), PROXY.e164(),
                    CALLER.e164());
            try {
                caller.assertPassed(); // each side received a BYE and answered it
                callee.assertPassed();
            } finally {
                caller.kill();
                callee.kill();
            }
            awaitCalls(f, CallOutcome.CONNECTED);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> f.relay.activeCalls() == 0);
            assertNoLeak(caller.messageLog(), callee.messageLog());
        }
    }

    static void assertNoLeak(byte[] callerLog, byte[] calleeLog) {
        assertTrue(calleeLog.length > 0 && callerLog.length > 0, "sipp wrote no message log");
        assertTrue(new String(calleeLog, StandardCharsets.ISO_8859_1).contains(CALLEE.e164()),
                "the callee log holds the callee's own number: the check below can see numbers");
        assertFalse(LeakPattern.of(CALLER, "91").foundIn(calleeLog), "the callee saw the caller's number");
        assertFalse(LeakPattern.of(CALLEE, "91").foundIn(callerLog), "the caller saw the callee's number");
    }
}
