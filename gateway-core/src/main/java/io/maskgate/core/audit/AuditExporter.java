package io.maskgate.core.audit;

import io.maskgate.keystore.KeyRing;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Copies a range of the decision log into an evidence file that verifies on its own: an anchor
 * line carrying the chain state just before the range (the seq and tag of the preceding record,
 * or the genesis value), then the records' lines byte for byte.
 *
 * <p>Whoever verifies the evidence ({@link AuditVerifier.Start#ANCHOR}) needs the audit key; the
 * anchor's tag can be checked against the full log, which contains it as the preceding line's tag.
 *
 * <p>Refuses to export from a log that does not verify: evidence cut from a tampered log proves
 * nothing. The whole log is verified first, the range is then copied, and the copy is verified
 * again before it is reported done. The one break tolerated is a torn last line, because a running
 * gateway may be in the middle of writing it; records before it are complete.
 */
public final class AuditExporter {

    /**
     * What was exported.
     *
     * @param records number of records in the evidence file
     * @param firstSeq seq of the first one
     * @param lastSeq seq of the last one
     */
    public record Result(long records, long firstSeq, long lastSeq) {
    }

    private final AuditVerifier verifier;

    public AuditExporter(KeyRing keys) {
        this.verifier = new AuditVerifier(Objects.requireNonNull(keys, "keys"));
    }

    /**
     * @throws AuditException if the log does not verify (naming the first bad line), the range holds
     *     no record, or a file cannot be read or written; {@code out} must not exist yet
     */
    public Result export(Path log, ExportRange range, Path out) {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(out, "out");
        Span span = findSpan(log, range);
        try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            VerifyResult copied = verifier.verify(log, AuditVerifier.Start.GENESIS, (entry, raw, previousSeq, previousMac) -> {
                try {
                    if (entry.seq() == span.first) {
                        writer.write(AuditLineFormat.anchorLine(previousSeq, previousMac));
                    }
                    if (entry.seq() >= span.first && entry.seq() <= span.last) {
                        writer.write(raw);
                        writer.write('\n');
                    }
                } catch (IOException e) {
                    throw AuditException.io("write", out, e);
                }
            });
            requireOk(log, copied);
        } catch (IOException e) {
            throw AuditException.io("write", out, e);
        }
        VerifyResult evidence = verifier.verify(out, AuditVerifier.Start.ANCHOR);
        if (!(evidence instanceof VerifyResult.Ok ok) || ok.firstSeq() != span.first || ok.lastSeq() != span.last) {
            throw new AuditException("evidence " + out + " does not verify after writing: " + evidence);
        }
        return new Result(ok.records(), ok.firstSeq(), ok.lastSeq());
    }

    /** First pass: verify everything and find the seq span of the range. */
    private Span findSpan(Path log, ExportRange range) {
        Span span = new Span();
        VerifyResult result = verifier.verify(log, AuditVerifier.Start.GENESIS, (entry, raw, previousSeq, previousMac) -> {
            if (range.contains(entry)) {
                span.first = span.first == 0 ? entry.seq() : span.first;
                span.last = entry.seq();
            }
        });
        requireOk(log, result);
        if (span.first == 0) {
            throw new AuditException("audit log " + log + " holds no record in " + range);
        }
        return span;
    }

    private static void requireOk(Path log, VerifyResult result) {
        if (result instanceof VerifyResult.Broken broken && broken.problem() != VerifyResult.Problem.TORN_LINE) {
            throw new AuditException("audit log " + log + " does not verify, refusing to export from it: "
                    + broken.message());
        }
    }

    /** Mutable holder filled by the first pass. */
    private static final class Span {
        long first;
        long last;
    }
}
