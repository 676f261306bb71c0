package io.maskgate.core.audit;

import static io.maskgate.core.audit.AuditFixtures.T0;
import static io.maskgate.core.audit.AuditFixtures.editField;
import static io.maskgate.core.audit.AuditFixtures.lines;
import static io.maskgate.core.audit.AuditFixtures.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.keystore.KeyRing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditExporterTest {

    private static final KeyRing KEYS = KeyRing.forTesting(new SecureRandom());

    @TempDir
    Path dir;

    private Path log;
    private Path out;

    @BeforeEach
    void writeLog() {
        log = dir.resolve("decisions.log");
        out = dir.resolve("evidence.log");
        try (FileDecisionLog writer = FileDecisionLog.open(log, KEYS.auditKey(), FileDecisionLogOptions.create(),
                new SimpleMeterRegistry())) {
            for (int i = 0; i < 50; i++) {
                writer.append(record(i)); // record i has seq i + 1 and time T0 + i s
            }
        }
    }

    private VerifyResult verifyEvidence() {
        return new AuditVerifier(KEYS).verify(out, AuditVerifier.Start.ANCHOR);
    }

    @Test
    void seqRangeExportsWithTheAnchorBeforeIt() throws IOException {
        AuditExporter.Result result = new AuditExporter(KEYS).export(log, new ExportRange.Seq(11, 20), out);

        assertEquals(new AuditExporter.Result(10, 11, 20), result);
        List<String> evidence = lines(out);
        List<String> original = lines(log);
        assertEquals(11, evidence.size());
        String line10 = original.get(9);
        assertEquals("#anchor\tv1\t10\t" + line10.substring(line10.lastIndexOf('\t') + 1), evidence.get(0));
        assertEquals(original.subList(10, 20), evidence.subList(1, 11), "records are copied byte for byte");
        VerifyResult.Ok ok = assertInstanceOf(VerifyResult.Ok.class, verifyEvidence());
        assertEquals(10, ok.anchorSeq());
        assertEquals(10, ok.records());
    }

    @Test
    void rangeFromTheStartChainsFromGenesis() throws IOException {
        new AuditExporter(KEYS).export(log, new ExportRange.Seq(1, 3), out);

        assertTrue(lines(out).get(0).startsWith("#anchor\tv1\t0\t"));
        assertTrue(verifyEvidence().ok());
    }

    @Test
    void timeRangeExportsTheRecordsInIt() {
        AuditExporter.Result result = new AuditExporter(KEYS)
                .export(log, new ExportRange.Time(T0.plusSeconds(30), T0.plusSeconds(34)), out);

        assertEquals(new AuditExporter.Result(5, 31, 35), result);
        assertTrue(verifyEvidence().ok());
    }

    @Test
    void editedEvidenceFailsToVerify() throws IOException {
        new AuditExporter(KEYS).export(log, new ExportRange.Seq(11, 20), out);
        editField(out, 4, 9, "rider-x");

        VerifyResult.Broken broken = assertInstanceOf(VerifyResult.Broken.class, verifyEvidence());
        assertEquals(4, broken.line());
    }

    @Test
    void refusesToExportFromATamperedLog() throws IOException {
        editField(log, 30, 8, "other");

        AuditException e = assertThrows(AuditException.class,
                () -> new AuditExporter(KEYS).export(log, new ExportRange.Seq(1, 5), out));

        assertTrue(e.getMessage().contains("line 30"), e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void emptyRangeIsAnError() {
        AuditException e = assertThrows(AuditException.class,
                () -> new AuditExporter(KEYS).export(log, new ExportRange.Seq(100, 200), out));

        assertTrue(e.getMessage().contains("no record"), e.getMessage());
    }

    @Test
    void refusesToOverwriteAnExistingFile() throws IOException {
        Files.writeString(out, "keep me\n");

        assertThrows(AuditException.class, () -> new AuditExporter(KEYS).export(log, new ExportRange.Seq(1, 5), out));
        assertEquals("keep me\n", Files.readString(out));
    }
}
