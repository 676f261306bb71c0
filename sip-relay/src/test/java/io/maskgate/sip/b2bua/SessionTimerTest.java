package io.maskgate.sip.b2bua;

import static io.maskgate.sip.b2bua.RelayFixture.CALLEE;
import static io.maskgate.sip.b2bua.RelayFixture.CALLER;
import static io.maskgate.sip.b2bua.RelayFixture.PROXY;
import static io.maskgate.sip.b2bua.RelayFixture.awaitCalls;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.core.events.EventType;
import io.maskgate.core.events.HungUpBy;
import io.maskgate.core.events.InteractionEvent;
import io.maskgate.testing.RecordingEventPublisher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RFC 4028 session timers kept by the B2BUA, between two real sipp processes: a session refreshed
 * by re-INVITE lives past its interval; one that nobody refreshes is ended by the gateway with BYE
 * on both legs before it expires; a 422 with Min-SE goes back to the caller. The scenarios use
 * intervals of a few seconds, so the B2BUA's minimum is lowered to 1 s.
 */
class SessionTimerTest {

    private static final B2buaOptions SHORT_SESSIONS = B2buaOptions.builder()
            .minSessionInterval(Duration.ofSeconds(1)).build();

    @Test
    void aRefreshedSessionOutlivesItsIntervalAndEndsWithTheCallersBye(@TempDir Path dir) {
        try (RelayFixture f = new RelayFixture(SHORT_SESSIONS)) {
            // Session-Expires 6 s: BYE would go 4 s after a 2xx; the call lasts about 6 s, refreshed every 2 s
            runToTheEnd(dir, f, "uac-session-refresh.xml", "uas-session-refresh.xml");
            awaitCalls(f, CallOutcome.CONNECTED);
            await().atMost(Duration.ofSeconds(5)).until(() -> f.relay.activeCalls() == 0);
            assertEquals(0.0, expired(f), "no session expired");
        }
    }

    @Test
    void theCalleeRefreshingByUpdateKeepsTheCallUpToo(@TempDir Path dir) {
        try (RelayFixture f = new RelayFixture(SHORT_SESSIONS)) {
            // the other direction and the other method: refresher uas, UPDATE every 2 s
            runToTheEnd(dir, f, "uac-session-update.xml", "uas-session-update.xml");
            awaitCalls(f, CallOutcome.CONNECTED);
            await().atMost(Duration.ofSeconds(5)).until(() -> f.relay.activeCalls() == 0);
            assertEquals(0.0, expired(f), "no session expired");
        }
    }

    @Test
    void aSessionNobodyRefreshesIsEndedOnBothLegsBeforeItExpires(@TempDir Path dir) {
        List<InteractionEvent> events = new CopyOnWriteArrayList<>();
        try (RelayFixture f = RelayFixture.withEvents(SHORT_SESSIONS, new RecordingEventPublisher(events))) {
            Sipp callee = Sipp.uas(dir.resolve("uas"), "uas-session-expires.xml", f.trunkPort, CALLEE.e164());
            Sipp caller = Sipp.uac(dir.resolve("uac"), "uac-session-expires.xml", f.udpPort(), PROXY.e164(),
                    CALLER.e164());
            try {
                awaitCalls(f, CallOutcome.CONNECTED);
                long answered = System.nanoTime();
                // both scenarios fail unless the BYE, with its Reason, comes within 3 s (the interval) of the answer
                caller.assertPassed();
                callee.assertPassed();
                long byeMillis = (System.nanoTime() - answered) / 1_000_000;
                // RFC 4028 section 10: 3 s - min(32 s, 1 s) = 2 s after the 2xx, not at once
                assertTrue(byeMillis >= 1500, "BYE came " + byeMillis + " ms after the answer");
                for (byte[] log : new byte[][] {caller.messageLog(), callee.messageLog()}) {
                    assertTrue(new String(log, StandardCharsets.ISO_8859_1)
                            .contains("Reason: " + SipRelay.SESSION_EXPIRED_REASON), "BYE without the Reason");
                }
                SippCallTest.assertNoLeak(caller.messageLog(), callee.messageLog());
            } finally {
                caller.kill();
                callee.kill();
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> f.relay.activeCalls() == 0);
            assertEquals(1.0, expired(f));
            await().atMost(Duration.ofSeconds(5)).until(() -> ended(events).isPresent());
            assertEquals(Optional.of(HungUpBy.GATEWAY), ended(events).get().hungUpBy());
        }
    }

    @Test
    void aCalleesIntervalTooSmallReachesTheCallerWithMinSe(@TempDir Path dir) {
        try (RelayFixture f = new RelayFixture(SHORT_SESSIONS)) {
            // the caller's scenario checks the 422 carries Min-SE: 90
            runToTheEnd(dir, f, "uac-422.xml", "uas-422.xml");
            awaitCalls(f, CallOutcome.FAILED_REJECTED);
            await().atMost(Duration.ofSeconds(5)).until(() -> f.relay.activeCalls() == 0);
            assertEquals(0.0, expired(f));
        }
    }

    private static void runToTheEnd(Path dir, RelayFixture f, String uac, String uas) {
        Sipp callee = Sipp.uas(dir.resolve("uas"), uas, f.trunkPort, CALLEE.e164());
        Sipp caller = Sipp.uac(dir.resolve("uac"), uac, f.udpPort(), PROXY.e164(), CALLER.e164());
        try {
            caller.assertPassed();
            callee.assertPassed();
            SippCallTest.assertNoLeak(caller.messageLog(), callee.messageLog());
        } finally {
            caller.kill();
            callee.kill();
        }
    }

    private static double expired(RelayFixture f) {
        return f.registry.get(CallMetrics.SESSION_TIMER_EXPIRED).counter().count();
    }

    private static Optional<InteractionEvent> ended(List<InteractionEvent> events) {
        return events.stream().filter(e -> e.type() == EventType.CALL_ENDED).findFirst();
    }

}
