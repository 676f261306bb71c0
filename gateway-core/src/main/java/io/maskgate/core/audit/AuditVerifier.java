package io.maskgate.core.audit;

import io.maskgate.core.audit.LineReader.Line;
import io.maskgate.core.audit.VerifyResult.Broken;
import io.maskgate.core.audit.VerifyResult.Problem;
import io.maskgate.keystore.AuditMac;
import io.maskgate.keystore.KeyRing;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Walks a decision log (or an evidence export) line by line, recomputing the chain, and reports
 * the first line that breaks it: edited, dropped, inserted, reordered, torn or unreadable. Stops
 * there, because every later tag depends on the broken one.
 *
 * <p>A chain cannot show that lines were cut off its <em>end</em>. {@link VerifyResult.Ok#lastMac}
 * is the value to record elsewhere (a ticket, a second system) to close that gap.
 */
public final class AuditVerifier {

    /** What the first line must be. */
    public enum Start {
        /** A whole log: the first record chains from the genesis value and has seq 1. */
        GENESIS,
        /** An evidence export: an anchor line first, records chaining from it. */
        ANCHOR
    }

    /** Sees each verified record with its raw line, in order; for the exporter. */
    interface Visitor {
        void verified(AuditEntry entry, String rawLine, long previousSeq, byte[] previousMac);
    }

    /** How far past a sequence gap the verifier looks for the missing record. */
    static final int LOOKAHEAD = 10_000;

    private final IntFunction<Optional<AuditMac>> keys;

    /** Verifies with every audit key in {@code ring}. */
    public AuditVerifier(KeyRing ring) {
        this(Objects.requireNonNull(ring, "ring")::auditKey);
    }

    AuditVerifier(IntFunction<Optional<AuditMac>> keys) {
        this.keys = keys;
    }

    /**
     * @throws AuditException if the file cannot be read (a broken chain is a result, not an exception)
     */
    public VerifyResult verify(Path file, Start start) {
        return verify(file, start, (entry, raw, seq, mac) -> { });
    }

    VerifyResult verify(Path file, Start start, Visitor visitor) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
            return verify(in, start, visitor);
        } catch (IOException e) {
            throw AuditException.io("read", file, e);
        }
    }

    private VerifyResult verify(InputStream in, Start start, Visitor visitor) throws IOException {
        LineReader reader = new LineReader(in);
        long lineNo = 0;
        long previousSeq = 0;
        byte[] previousMac = AuditChain.GENESIS;
        long anchorSeq = 0;
        long firstSeq = 0;
        long records = 0;
        for (Optional<Line> next = reader.next(); next.isPresent(); next = reader.next()) {
            Line line = next.get();
            lineNo++;
            if (!line.terminated()) {
                return new Broken(lineNo, Problem.TORN_LINE, at(lineNo) + "has no line end: the file was cut or a write was torn");
            }
            boolean isAnchor = line.text().startsWith(AuditLineFormat.ANCHOR_PREFIX);
            if (lineNo == 1 && (isAnchor != (start == Start.ANCHOR))) {
                return new Broken(lineNo, Problem.ANCHOR, start == Start.ANCHOR
                        ? "line 1 is not an anchor line: not an evidence export"
                        : "line 1 is an anchor line: this is an evidence export (verify it as one), or the head of the log was cut");
            }
            if (lineNo == 1 && isAnchor) {
                try {
                    LogTail anchor = AuditLineFormat.parseAnchor(line.text());
                    previousSeq = anchor.seq();
                    previousMac = anchor.mac();
                    anchorSeq = previousSeq;
                    continue;
                } catch (IllegalArgumentException e) {
                    return new Broken(lineNo, Problem.MALFORMED, at(lineNo) + e.getMessage());
                }
            }
            AuditLineFormat.Parsed parsed;
            try {
                parsed = AuditLineFormat.parse(line.text());
            } catch (IllegalArgumentException e) {
                return new Broken(lineNo, Problem.MALFORMED, at(lineNo) + "is not a record: " + e.getMessage());
            }
            AuditEntry entry = parsed.entry();
            Optional<Broken> broken = check(lineNo, entry, previousSeq, reader);
            if (broken.isPresent()) {
                return broken.get();
            }
            AuditMac key = keys.apply(entry.keyId()).orElseThrow();
            byte[] expected = AuditChain.next(key, previousMac, parsed.canonical());
            if (!MessageDigest.isEqual(expected, AuditLineFormat.macBytes(entry.mac()))) {
                return new Broken(lineNo, Problem.TAG_MISMATCH, at(lineNo) + "(seq " + entry.seq()
                        + ") does not match its tag: the line was edited, or forged without the audit key");
            }
            visitor.verified(entry, line.text(), previousSeq, previousMac);
            firstSeq = records == 0 ? entry.seq() : firstSeq;
            records++;
            previousSeq = entry.seq();
            previousMac = expected;
        }
        return new VerifyResult.Ok(records, firstSeq, previousSeq, AuditLineFormat.macText(previousMac), anchorSeq);
    }

    /** Sequence and key checks, which name the break more precisely than a bad tag would. */
    private Optional<Broken> check(long lineNo, AuditEntry entry, long previousSeq, LineReader reader)
            throws IOException {
        long expectedSeq = previousSeq + 1;
        if (entry.seq() > expectedSeq) {
            long later = findLater(reader, expectedSeq, lineNo);
            if (later > 0) {
                return Optional.of(new Broken(lineNo, Problem.OUT_OF_ORDER, at(lineNo) + "has seq " + entry.seq()
                        + " where seq " + expectedSeq + " was expected, which is at line " + later
                        + ": lines were reordered"));
            }
            long missing = entry.seq() - expectedSeq;
            return Optional.of(new Broken(lineNo, Problem.DROPPED, at(lineNo) + "has seq " + entry.seq() + " where seq "
                    + expectedSeq + " was expected: " + missing + " record" + (missing == 1 ? " was" : "s were")
                    + " dropped before it"));
        }
        if (entry.seq() < expectedSeq) {
            return Optional.of(new Broken(lineNo, Problem.OUT_OF_ORDER, at(lineNo) + "has seq " + entry.seq()
                    + " after seq " + previousSeq + ": lines were reordered, duplicated or inserted"));
        }
        if (keys.apply(entry.keyId()).isEmpty()) {
            return Optional.of(new Broken(lineNo, Problem.UNKNOWN_KEY, at(lineNo) + "(seq " + entry.seq()
                    + ") names audit key " + entry.keyId() + ", which the key file does not hold"));
        }
        return Optional.empty();
    }

    /**
     * Looks a bounded distance ahead for the line holding {@code seq}, to tell a reordering from a
     * drop. Only used once the chain is already broken, so consuming the reader is fine.
     *
     * @return its line number, or 0 if not found within {@value #LOOKAHEAD} lines
     */
    private static long findLater(LineReader reader, long seq, long lineNo) throws IOException {
        long n = lineNo;
        for (Optional<Line> next = reader.next(); next.isPresent() && n - lineNo < LOOKAHEAD; next = reader.next()) {
            n++;
            try {
                if (AuditLineFormat.parse(next.get().text()).entry().seq() == seq) {
                    return n;
                }
            } catch (IllegalArgumentException e) {
                // an unparsable line cannot be the one we look for; the first break is already known
                continue;
            }
        }
        return 0;
    }

    private static String at(long lineNo) {
        return "line " + lineNo + " ";
    }
}
