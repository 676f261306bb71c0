package io.maskgate.core.audit;

import java.time.Instant;
import java.util.Objects;

/** Which records {@link AuditExporter} copies out; both bounds inclusive. */
public sealed interface ExportRange {

    /** True if {@code entry} falls in the range. */
    boolean contains(AuditEntry entry);

    /** Records with {@code from <= seq <= to}. */
    record Seq(long from, long to) implements ExportRange {
        public Seq {
            if (from < 1 || to < from) {
                throw new IllegalArgumentException("seq range must have 1 <= from <= to");
            }
        }

        @Override
        public boolean contains(AuditEntry entry) {
            return entry.seq() >= from && entry.seq() <= to;
        }
    }

    /**
     * Records with {@code from <= time <= to}. Times come from the relays' threads, so neighbouring
     * records can be a little out of time order; the export is the contiguous seq span from the
     * first record in the range to the last one, which may include such neighbours (a chain cannot
     * have holes).
     */
    record Time(Instant from, Instant to) implements ExportRange {
        public Time {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("time range must have from <= to");
            }
        }

        @Override
        public boolean contains(AuditEntry entry) {
            Instant t = entry.record().time();
            return !t.isBefore(from) && !t.isAfter(to);
        }
    }
}
