package io.maskgate.core.privacy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;

/**
 * Meters of the privacy controls. Tags take only the fixed values named here.
 */
public final class PrivacyMetrics {

    /** Counter: erasures completed. */
    public static final String ERASURES = "maskgate_privacy_erasures_total";
    /** Counter: items deleted or shredded, by erasure or retention; tagged {@link #TAG_KIND}, {@link #TAG_CAUSE}. */
    public static final String PURGED = "maskgate_privacy_purged_total";
    /** Counter: retention job runs, tagged {@link #TAG_OUTCOME} {@code ok|failed}. */
    public static final String RETENTION_RUNS = "maskgate_privacy_retention_runs_total";
    /** Counter: break-glass reveals of real numbers. */
    public static final String BREAK_GLASS = "maskgate_privacy_break_glass_total";
    /** Kind: {@code sessions|message_ids|consent_entries|events|log_keys|index_entries}. */
    public static final String TAG_KIND = "kind";
    /** Cause: {@code erasure|retention}. */
    public static final String TAG_CAUSE = "cause";
    public static final String TAG_OUTCOME = "outcome";

    private final MeterRegistry registry;
    private final Counter erasures;
    private final Counter breakGlass;

    public PrivacyMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.erasures = Counter.builder(ERASURES).description("Erasures of a data principal completed").register(registry);
        this.breakGlass = Counter.builder(BREAK_GLASS).description("Break-glass reveals of real numbers").register(registry);
    }

    void erasure(ErasureReport r) {
        erasures.increment();
        purged("sessions", "erasure", r.sessionsDeleted());
        purged("message_ids", "erasure", r.messageIdsDeleted());
        purged("consent_entries", "erasure", r.consentEntriesDeleted());
        purged("events", "erasure", r.eventsDeleted());
        purged("log_keys", "erasure", r.logKeysShredded());
    }

    void retention(RetentionReport r) {
        purged("events", "retention", r.eventsDeleted());
        purged("log_keys", "retention", r.logKeysShredded());
        purged("index_entries", "retention", r.indexEntriesDeleted());
        purged("sessions", "retention", r.sessionsDeleted());
        run(true);
    }

    void run(boolean ok) {
        Counter.builder(RETENTION_RUNS).tag(TAG_OUTCOME, ok ? "ok" : "failed")
                .description("Retention job runs").register(registry).increment();
    }

    public void breakGlass() {
        breakGlass.increment();
    }

    private void purged(String kind, String cause, long n) {
        Counter.builder(PURGED).tag(TAG_KIND, kind).tag(TAG_CAUSE, cause)
                .description("Items deleted or crypto-shredded by erasure or retention").register(registry).increment(n);
    }
}
