package io.maskgate.core.audit;

import static io.maskgate.core.audit.AuditFixtures.editField;
import static io.maskgate.core.audit.AuditFixtures.lines;
import static io.maskgate.core.audit.AuditFixtures.record;
import static io.maskgate.core.audit.AuditFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.core.audit.VerifyResult.Broken;
import io.maskgate.core.audit.VerifyResult.Problem;
import io.maskgate.keystore.KeyRing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of tampering is caught at the first bad line, and named. */
class AuditVerifierTest {

    private static final KeyRing KEYS = KeyRing.forTesting(new SecureRandom());
    private static final KeyRing WRONG_KEYS = KeyRing.forTesting(new SecureRandom());
    private static final int RECORDS = 20;

    @TempDir
    Path dir;

    private Path log;

    @BeforeEach
    void writeLog() {
        log = dir.resolve("decisions.log");
        try (FileDecisionLog writer = FileDecisionLog.open(log, KEYS.auditKey(), FileDecisionLogOptions.create(),
                new SimpleMeterRegistry())) {
            for (int i = 0; i < RECORDS; i++) {
                writer.append(record(i));
            }
        }
    }

    private VerifyResult verify() {
        return new AuditVerifier(KEYS).verify(log, AuditVerifier.Start.GENESIS);
    }

    private Broken broken() {
        VerifyResult result = verify();
        Broken broken = assertInstanceOf(Broken.class, result, result.toString());
        assertFalse(broken.message().contains("delivery") || broken.message().contains("rider"),
                "messages never repeat field values: " + broken.message());
        return broken;
    }

    @Test
    void untouchedLogVerifies() {
        VerifyResult.Ok ok = assertInstanceOf(VerifyResult.Ok.class, verify());
        assertEquals(RECORDS, ok.records());
        assertEquals(RECORDS, ok.lastSeq());
        assertEquals(0, ok.anchorSeq());
        assertEquals(lines(log).get(RECORDS - 1).substring(lines(log).get(RECORDS - 1).lastIndexOf('\t') + 1), ok.lastMac());
    }

    @Test
    void editedFieldIsCaughtAtItsLine() throws IOException {
        editField(log, 7, 8, "deliverx");

        Broken broken = broken();

        assertEquals(7, broken.line());
        assertEquals(Problem.TAG_MISMATCH, broken.problem());
        assertTrue(broken.message().contains("seq 7") && broken.message().contains("edited"), broken.message());
    }

    @Test
    void editedTimeIsCaught() throws IOException {
        editField(log, 3, 2, "2025-06-01T09:00:00Z");

        assertEquals(3, broken().line());
        assertEquals(Problem.TAG_MISMATCH, broken().problem());
    }

    @Test
    void droppedLineIsCaughtWhereTheGapIs() throws IOException {
        List<String> lines = new ArrayList<>(lines(log));
        lines.remove(6); // line 7, seq 7
        write(log, lines);

        Broken broken = broken();

        assertEquals(7, broken.line());
        assertEquals(Problem.DROPPED, broken.problem());
        assertTrue(broken.message().contains("seq 8 where seq 7"), broken.message());
    }

    @Test
    void droppedFirstLineIsCaught() throws IOException {
        List<String> lines = new ArrayList<>(lines(log));
        lines.remove(0);
        write(log, lines);

        assertEquals(1, broken().line());
        assertEquals(Problem.DROPPED, broken().problem());
    }

    @Test
    void insertedLineForgedUnderAnotherKeyIsCaught() throws IOException {
        List<String> lines = new ArrayList<>(lines(log));
        String previous = lines.get(5); // line 6, seq 6
        byte[] previousMac = AuditLineFormat.macBytes(previous.substring(previous.lastIndexOf('\t') + 1));
        // A plausible line: right format, next seq, right key id, chained from the real previous
        // tag, but tagged under a key the forger made up.
        String canonical = AuditLineFormat.canonical(7, "gateway", record(99), KEYS.auditKey().keyId());
        byte[] forgedMac = AuditChain.next(WRONG_KEYS.auditKey(), previousMac, canonical);
        lines.add(6, AuditLineFormat.line(canonical, forgedMac).stripTrailing());
        write(log, lines);

        Broken broken = broken();

        assertEquals(7, broken.line());
        assertEquals(Problem.TAG_MISMATCH, broken.problem());
        assertTrue(broken.message().contains("forged"), broken.message());
    }

    @Test
    void swappedLinesAreCaughtAsReordered() throws IOException {
        List<String> lines = new ArrayList<>(lines(log));
        Collections.swap(lines, 6, 7); // lines 7 and 8
        write(log, lines);

        Broken broken = broken();

        assertEquals(7, broken.line());
        assertEquals(Problem.OUT_OF_ORDER, broken.problem());
        assertTrue(broken.message().contains("at line 8") && broken.message().contains("reordered"), broken.message());
    }

    @Test
    void duplicatedLineIsCaught() throws IOException {
        List<String> lines = new ArrayList<>(lines(log));
        lines.add(7, lines.get(6));
        write(log, lines);

        Broken broken = broken();

        assertEquals(8, broken.line());
        assertEquals(Problem.OUT_OF_ORDER, broken.problem());
    }

    @Test
    void unknownKeyIdIsNamed() throws IOException {
        editField(log, 4, 12, "9");

        Broken broken = broken();

        assertEquals(4, broken.line());
        assertEquals(Problem.UNKNOWN_KEY, broken.problem());
        assertTrue(broken.message().contains("audit key 9"), broken.message());
    }

    @Test
    void lineWithAnExtraFieldIsMalformed() throws IOException {
        editField(log, 5, 8, "delivery\tmore");

        assertEquals(5, broken().line());
        assertEquals(Problem.MALFORMED, broken().problem());
    }

    @Test
    void cutFileIsCaughtAsATornLine() throws IOException {
        String content = Files.readString(log);
        Files.writeString(log, content.substring(0, content.length() - 5));

        assertEquals(RECORDS, broken().line());
        assertEquals(Problem.TORN_LINE, broken().problem());
    }

    @Test
    void wrongKeyFailsAtTheFirstLine() {
        VerifyResult result = new AuditVerifier(WRONG_KEYS).verify(log, AuditVerifier.Start.GENESIS);

        assertEquals(1, ((Broken) result).line());
        assertEquals(Problem.TAG_MISMATCH, ((Broken) result).problem());
    }

    @Test
    void anchorLineInAFullLogIsRefused() throws IOException {
        List<String> lines = new ArrayList<>(lines(log));
        lines.add(0, AuditLineFormat.anchorLine(0, AuditChain.GENESIS).stripTrailing());
        write(log, lines);

        assertEquals(Problem.ANCHOR, broken().problem());
    }

    @Test
    void emptyLogVerifiesWithNoRecords() throws IOException {
        Files.writeString(log, "");

        VerifyResult.Ok ok = assertInstanceOf(VerifyResult.Ok.class, verify());
        assertEquals(0, ok.records());
    }

    private static List<String> lines(Path file) {
        try {
            return AuditFixtures.lines(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
