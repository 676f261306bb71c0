package io.maskgate.core.audit;

/**
 * Turns a decision's party id fields (the data principals' pseudonymous ids) into a form only a
 * per-subject data key opens, so that erasing that key crypto-shreds them in a log that cannot be
 * edited in place (editing would break the chain). Runs on the log's writer thread, never on the
 * signalling path. The chain then covers the sealed text, so it verifies whatever becomes of the key.
 */
@FunctionalInterface
public interface SubjectFieldSealer {

    /** Leaves the fields as they are (tests, and logs written without privacy keys). */
    SubjectFieldSealer NONE = record -> record;

    /**
     * @return the record with its caller and callee ids sealed; never throws: a field that cannot
     *     be sealed must be withheld (dropped or replaced by a marker), never written in clear
     */
    DecisionRecord seal(DecisionRecord record);
}
