package io.maskgate.core.audit;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the records of an evidence file written by {@link AuditExporter} (which verified it), for
 * a readable view next to the file itself. Does not verify: that is {@link AuditVerifier}'s job.
 */
public final class EvidenceReader {

    private EvidenceReader() {
    }

    /**
     * @return the records, in file order, without the anchor line
     * @throws AuditException if the file cannot be read or holds a line that is not a record
     */
    public static List<AuditEntry> read(Path evidence) {
        List<AuditEntry> entries = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(evidence), 64 * 1024)) {
            LineReader reader = new LineReader(in);
            long lineNo = 0;
            for (Optional<LineReader.Line> next = reader.next(); next.isPresent(); next = reader.next()) {
                lineNo++;
                String text = next.get().text();
                if (lineNo == 1 && text.startsWith(AuditLineFormat.ANCHOR_PREFIX)) {
                    continue;
                }
                try {
                    entries.add(AuditLineFormat.parse(text).entry());
                } catch (IllegalArgumentException e) {
                    throw new AuditException("line " + lineNo + " of " + evidence + " is not a record: " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw AuditException.io("read", evidence, e);
        }
        return entries;
    }
}
