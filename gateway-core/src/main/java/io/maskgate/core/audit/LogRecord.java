package io.maskgate.core.audit;

import java.time.Instant;

/**
 * What one line of the decision log holds: a routing decision, or an administrative action on
 * personal data (erasure, access, break-glass, retention purge). Both are chained the same way,
 * so an auditor sees the actions on the data in the same tamper-evident sequence as the decisions.
 */
public sealed interface LogRecord permits DecisionRecord, ActionRecord {

    /** When it happened (the caller's clock). */
    Instant time();
}
