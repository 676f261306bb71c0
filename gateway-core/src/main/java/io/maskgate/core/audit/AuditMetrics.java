package io.maskgate.core.audit;

/**
 * Meter names of the decision log (Prometheus form, no tags). Public API: dashboards and alert
 * rules use them.
 */
public final class AuditMetrics {

    /** Counter: records written to the log file. */
    public static final String RECORDS = "maskgate_audit_records_total";

    /**
     * Counter: records refused by {@link DecisionLog#append} because the hand-off queue was full.
     * Should stay at zero; a rise means the disk cannot keep up. Alert on any increase.
     */
    public static final String QUEUE_FULL = "maskgate_audit_queue_full_total";

    /** Counter: appends refused because the log was closed or had failed. */
    public static final String REJECTED = "maskgate_audit_rejected_total";

    /** Counter: accepted records lost because writing the file failed (disk full, I/O error). Alert on any. */
    public static final String WRITE_ERRORS = "maskgate_audit_write_errors_total";

    /** Counter: records written with a phone-number-like text field masked (see {@code SafeText}). */
    public static final String MASKED = "maskgate_audit_masked_records_total";

    /** Gauge: records accepted and not yet written. */
    public static final String QUEUED = "maskgate_audit_queued_records";

    /** Gauge: 1 while the log accepts records, 0 once it has failed or closed (for readiness). */
    public static final String HEALTHY = "maskgate_audit_healthy";

    private AuditMetrics() {
    }
}
