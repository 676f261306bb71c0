package io.maskgate.core.privacy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * How long data about an interaction is kept, per purpose, and how finely the per-subject keys of
 * the decision log are cut in time.
 *
 * <h2>Key epochs: why a log field is unreadable once its retention has passed</h2>
 * A party id in a decision record of time {@code t} and purpose {@code p} is sealed under the
 * subject's key for {@code (p, epoch(t))}, where {@code epoch(t) = floor(t / keyEpoch)}. The
 * retention job deletes that key once {@code epochEnd + retention(p)} has passed, which is no later
 * than {@code t + retention(p) + keyEpoch}. Opening a field always asks Redis for the key (never a
 * node's cache), so after the job's next run no node can open the field again: every log field is
 * shredded between {@code retention(p)} and {@code retention(p) + keyEpoch + job interval} after it
 * was written. A shorter epoch tightens the bound at the cost of more keys per subject.
 *
 * @param defaultRetention for purposes not listed
 * @param perPurpose retention by purpose
 * @param keyEpoch length of one key epoch
 */
public record RetentionPolicy(Duration defaultRetention, Map<String, Duration> perPurpose, Duration keyEpoch) {

    /** Default {@link #defaultRetention}: 180 days. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(180);
    /** Default {@link #keyEpoch}: one day. */
    public static final Duration DEFAULT_KEY_EPOCH = Duration.ofDays(1);

    public RetentionPolicy {
        Objects.requireNonNull(defaultRetention, "defaultRetention");
        perPurpose = Map.copyOf(perPurpose);
        Objects.requireNonNull(keyEpoch, "keyEpoch");
        if (defaultRetention.isNegative() || defaultRetention.isZero() || keyEpoch.toMillis() < 1) {
            throw new IllegalArgumentException("retention and key epoch must be positive");
        }
        perPurpose.values().forEach(d -> {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("retention must be positive");
            }
        });
    }

    public static RetentionPolicy defaults() {
        return new RetentionPolicy(DEFAULT_RETENTION, Map.of(), DEFAULT_KEY_EPOCH);
    }

    public Duration retentionOf(String purpose) {
        return perPurpose.getOrDefault(purpose, defaultRetention);
    }

    /** The longest retention of any purpose. */
    public Duration longest() {
        return perPurpose.values().stream().reduce(defaultRetention, (a, b) -> a.compareTo(b) >= 0 ? a : b);
    }

    /** The shortest retention of any purpose. */
    public Duration shortest() {
        return perPurpose.values().stream().reduce(defaultRetention, (a, b) -> a.compareTo(b) <= 0 ? a : b);
    }

    public long epochOf(Instant t) {
        return Math.floorDiv(t.toEpochMilli(), keyEpoch.toMillis());
    }

    public Instant epochEnd(long epoch) {
        return Instant.ofEpochMilli((epoch + 1) * keyEpoch.toMillis());
    }

    /** True once data of {@code purpose} that was last current at {@code lastUse} has outlived its retention. */
    public boolean expired(String purpose, Instant lastUse, Instant now) {
        return !now.isBefore(lastUse.plus(retentionOf(purpose)));
    }
}
