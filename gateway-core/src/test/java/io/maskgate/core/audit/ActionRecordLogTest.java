package io.maskgate.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.keystore.KeyRing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Action lines (a1) share the chain with decision lines: written, read back, and tampering caught. */
class ActionRecordLogTest {

    private static final String TOKEN = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void actionLinesChainWithDecisionsAndAnEditedActorIsCaught() throws Exception {
        KeyRing keys = KeyRing.forTesting(new SecureRandom());
        Path file = dir.resolve("decisions.log");
        Instant t = Instant.parse("2025-06-01T10:00:00Z");
        try (FileDecisionLog log = FileDecisionLog.open(file, keys.auditKey(),
                FileDecisionLogOptions.builder().node("gw-a").build(), new SimpleMeterRegistry())) {
            assertTrue(log.appendAction(ActionRecord.of(t, ActionRecord.Action.ERASURE, "dpo-desk", TOKEN,
                    "sessionsDeleted=2 eventsDeleted=5")));
            assertTrue(log.append(AuditFixtures.record(1)));
            assertTrue(log.appendAction(ActionRecord.of(t, ActionRecord.Action.BREAK_GLASS, "oncall",
                    "0a1b2c3d-AAAAAAAAAAAAAAAAAAAAAA", "reason=fraud\treview")));
            log.flush().get(5, TimeUnit.SECONDS);
        }
        assertTrue(new AuditVerifier(keys).verify(file, AuditVerifier.Start.GENESIS).ok());
        List<AuditEntry> entries = EvidenceReader.read(file);
        ActionRecord erasure = (ActionRecord) entries.get(0).record();
        assertEquals("dpo-desk", erasure.actor().value());
        assertEquals(TOKEN, erasure.target());
        assertEquals("reason=fraud\treview", ((ActionRecord) entries.get(2).record()).detail().value(),
                "a TAB in a value is escaped and cannot add a field");

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        lines.set(0, lines.get(0).replace("\tdpo-desk\t", "\tsomeone-else\t"));
        Files.write(file, lines, StandardCharsets.UTF_8);
        VerifyResult broken = new AuditVerifier(keys).verify(file, AuditVerifier.Start.GENESIS);
        assertFalse(broken.ok());
        assertEquals(VerifyResult.Problem.TAG_MISMATCH, ((VerifyResult.Broken) broken).problem());
        assertEquals(1, ((VerifyResult.Broken) broken).line());
    }

    @Test
    void noNumberCanBeATargetAndNumbersInTextAreMasked() {
        Instant t = Instant.now();
        assertThrows(IllegalArgumentException.class,
                () -> ActionRecord.of(t, ActionRecord.Action.ACCESS, "dpo", "+919812345678", "x=1"));
        ActionRecord r = ActionRecord.of(t, ActionRecord.Action.ACCESS, "dpo", "-", "note=9812345678");
        assertFalse(r.detail().value().contains("9812345678"));
        assertTrue(r.detail().masked());
    }
}
