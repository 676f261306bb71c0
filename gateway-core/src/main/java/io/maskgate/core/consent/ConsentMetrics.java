package io.maskgate.core.consent;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Meter names and tags of the consent gate (public API: dashboards and alerts use them), and the
 * meters themselves, registered up front so a tag value can only be one of the fixed sets below:
 * never a subject id, a purpose or a number.
 */
public final class ConsentMetrics {

    /** Counter: consent checks, tagged {@link #TAG_OUTCOME} and {@link #TAG_SOURCE}. */
    public static final String CHECKS = "maskgate_consent_checks_total";
    /** Timer: latency of asking the consent platform, tagged {@link #TAG_RESULT}. */
    public static final String SOURCE_LATENCY = "maskgate_consent_source_seconds";
    /** Counter: revocations applied by this node ({@code ConsentRevocations.revoke}). */
    public static final String REVOCATIONS = "maskgate_consent_revocations_total";
    /** Counter: revocation webhooks refused, tagged {@link #TAG_REASON}. */
    public static final String WEBHOOK_REJECTED = "maskgate_consent_webhook_rejected_total";

    /** Check outcome: {@code granted|denied|unavailable}. */
    public static final String TAG_OUTCOME = "outcome";
    /** Where the answer came from: {@code near|shared|platform}. Unavailable is always {@code platform}. */
    public static final String TAG_SOURCE = "source";
    /** Source call result: {@code ok|error}. */
    public static final String TAG_RESULT = "result";
    /** Webhook refusal: {@code bad_signature|stale|replay|malformed}. */
    public static final String TAG_REASON = "reason";

    /** Where a verdict came from. */
    enum Tier { NEAR, SHARED, PLATFORM }

    /** A verdict's outcome as counted. */
    enum Outcome { GRANTED, DENIED, UNAVAILABLE }

    private final MeterRegistry registry;
    private final Map<Outcome, Map<Tier, Counter>> checks = new EnumMap<>(Outcome.class);
    private final Timer sourceOk;
    private final Timer sourceError;

    ConsentMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        for (Outcome outcome : Outcome.values()) {
            Map<Tier, Counter> byTier = new EnumMap<>(Tier.class);
            for (Tier tier : Tier.values()) {
                byTier.put(tier, Counter.builder(CHECKS)
                        .description("Consent checks by outcome and the tier that answered")
                        .tag(TAG_OUTCOME, tag(outcome))
                        .tag(TAG_SOURCE, tag(tier))
                        .register(registry));
            }
            checks.put(outcome, byTier);
        }
        this.sourceOk = sourceTimer(registry, "ok");
        this.sourceError = sourceTimer(registry, "error");
    }

    private static Timer sourceTimer(MeterRegistry registry, String result) {
        return Timer.builder(SOURCE_LATENCY)
                .description("Latency of consent platform checks")
                .tag(TAG_RESULT, result)
                .serviceLevelObjectives(io.maskgate.core.metrics.Buckets.LOOKUP)
                .register(registry);
    }

    void check(Outcome outcome, Tier tier) {
        checks.get(outcome).get(tier).increment();
    }

    Timer.Sample startSource() {
        return Timer.start(registry);
    }

    void stopSource(Timer.Sample sample, boolean ok) {
        sample.stop(ok ? sourceOk : sourceError);
    }

    static Counter revocations(MeterRegistry registry) {
        return Counter.builder(REVOCATIONS)
                .description("Consent revocations applied by this node")
                .register(registry);
    }

    static Counter webhookRejected(MeterRegistry registry, WebhookResult.Status reason) {
        return Counter.builder(WEBHOOK_REJECTED)
                .description("Revocation webhooks refused, by reason")
                .tag(TAG_REASON, tag(reason))
                .register(registry);
    }

    static String tag(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
