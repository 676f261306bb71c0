package io.maskgate.server.admin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The admin API's meters. Tag values come from fixed sets only: the route template (never the raw
 * path, which holds session ids), the numeric status, and the auth failure reason.
 */
public final class AdminMetrics {

    /** Counter: requests answered, tagged {@link #TAG_ROUTE} and {@link #TAG_STATUS}. */
    public static final String REQUESTS = "maskgate_admin_requests_total";
    /** Timer: time from a complete request to its response being handed to Netty, tagged {@link #TAG_ROUTE}. */
    public static final String REQUEST_DURATION = "maskgate_admin_request_seconds";
    /** Counter: refused authentications, tagged {@link #TAG_REASON}. */
    public static final String AUTH_FAILURES = "maskgate_admin_auth_failures_total";

    /** Route template, e.g. {@code /v1/sessions/{id}}; {@code unmatched} for unknown paths. */
    public static final String TAG_ROUTE = "route";
    public static final String TAG_STATUS = "status";
    /** {@code missing|unknown|forbidden}. */
    public static final String TAG_REASON = "reason";

    public static final String UNMATCHED_ROUTE = "unmatched";

    /** Why authentication failed; the tag value is the lower-case name. */
    public enum AuthFailure { MISSING, UNKNOWN, FORBIDDEN }

    private final MeterRegistry registry;

    public AdminMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (AuthFailure f : AuthFailure.values()) {
            authFailureCounter(f); // registered up front so that dashboards see zeros, not gaps
        }
    }

    public void request(String route, int status, Duration elapsed) {
        Counter.builder(REQUESTS)
                .description("Admin API requests answered")
                .tag(TAG_ROUTE, route)
                .tag(TAG_STATUS, Integer.toString(status))
                .register(registry)
                .increment();
        Timer.builder(REQUEST_DURATION)
                .description("Admin API request handling time")
                .tag(TAG_ROUTE, route)
                .register(registry)
                .record(elapsed);
    }

    public void authFailure(AuthFailure reason) {
        authFailureCounter(reason).increment();
    }

    private Counter authFailureCounter(AuthFailure reason) {
        return Counter.builder(AUTH_FAILURES)
                .description("Admin API requests refused by authentication or authorisation")
                .tag(TAG_REASON, reason.name().toLowerCase(java.util.Locale.ROOT))
                .register(registry);
    }
}
