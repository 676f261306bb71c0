package io.maskgate.core.audit;

import java.util.Objects;

/** What {@link AuditVerifier} found: the whole chain holds, or the first line where it does not. */
public sealed interface VerifyResult {

    /** True for {@link Ok}. */
    default boolean ok() {
        return this instanceof Ok;
    }

    /**
     * Every line verified.
     *
     * @param records how many records (anchor line not counted)
     * @param firstSeq seq of the first record, 0 when there is none
     * @param lastSeq seq of the last record, or of the anchor when there is none
     * @param lastMac the last record's tag (base64url); publish it elsewhere to make a later
     *     truncation of the log detectable, which a chain alone cannot show
     * @param anchorSeq 0 for a log chained from the genesis value; for evidence, the seq the
     *     anchor stands for (the record just before the exported range)
     */
    record Ok(long records, long firstSeq, long lastSeq, String lastMac, long anchorSeq) implements VerifyResult {
        public Ok {
            Objects.requireNonNull(lastMac, "lastMac");
        }
    }

    /**
     * The first line that breaks the chain.
     *
     * @param line 1-based line number in the file
     * @param problem what kind of break
     * @param message for people: names the line and seq numbers, never field values
     */
    record Broken(long line, Problem problem, String message) implements VerifyResult {
        public Broken {
            Objects.requireNonNull(problem, "problem");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Kinds of break, in the words an auditor would use. */
    enum Problem {
        /** Not a record line (or not a valid anchor line). */
        MALFORMED,
        /** The last line has no line end: the file was cut, or the writer crashed mid-line. */
        TORN_LINE,
        /** The line names an audit key id that is not in the key file. */
        UNKNOWN_KEY,
        /** Sequence numbers skip: records before this line were dropped. */
        DROPPED,
        /** A sequence number repeats or goes back: lines were reordered, duplicated or inserted. */
        OUT_OF_ORDER,
        /** The sequence is right but the tag is not: this line was edited or forged without the key. */
        TAG_MISMATCH,
        /** Evidence without an anchor first line, or a full log that starts with one. */
        ANCHOR
    }
}
