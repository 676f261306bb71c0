package io.maskgate.core.metrics;

/**
 * Names and tag keys of every meter MaskGate registers. The names are public API: dashboards and
 * alert rules under {@code conf/} use them, and a test checks they only use names listed here.
 *
 * <p>Names are given in their Prometheus form. Micrometer's Prometheus naming convention keeps them
 * as they are ({@code _seconds} on timers and {@code _total} on counters are already present), and
 * other registries see the same strings. Tags take values only from the fixed sets documented
 * next to them: never a number, an id or any free-form text.
 */
public final class MetricNames {

    /**
     * Timer: latency of each session store operation, tagged {@link #TAG_OP} and {@link #TAG_OUTCOME}.
     */
    public static final String STORE_COMMAND = "maskgate_store_command_seconds";

    /**
     * Counter: stored entries that did not decrypt or decode (tampering, a value copied under
     * another key, a data key missing on this node). Tagged {@link #TAG_KIND}. Should stay at zero.
     */
    public static final String STORE_UNREADABLE_ENTRIES = "maskgate_store_unreadable_entries_total";

    /** Store operation: {@code create|resolve|find|delete|ping|rewrap}. */
    public static final String TAG_OP = "op";

    /** Store outcome: {@code ok|not_found|unavailable|unreadable|exhausted}. */
    public static final String TAG_OUTCOME = "outcome";

    /** Entry kind: {@code routing|session}. */
    public static final String TAG_KIND = "kind";

    private MetricNames() {
    }
}
