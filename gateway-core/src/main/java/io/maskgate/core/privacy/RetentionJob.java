package io.maskgate.core.privacy;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.maskgate.core.audit.ActionRecord;
import io.maskgate.core.audit.DecisionLog;
import io.maskgate.core.session.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purges what outlived its purpose's retention ({@link RetentionPolicy}); one {@link #run()} is one
 * pass, scheduled by the gateway on its own thread, never on a signalling path:
 * <ul>
 *   <li>event-stream entries older than their purpose's retention (oldest first, bounded);</li>
 *   <li>decision-log fields: the per-subject keys of every epoch that ended more than the
 *       retention ago are deleted, which shreds every field sealed under them (see
 *       {@link RetentionPolicy} for the bound this gives);</li>
 *   <li>subject index entries (and, if any remain, the session records and message-id entries) of
 *       sessions that expired more than the retention ago.</li>
 * </ul>
 * Each run is recorded in the decision log with what it purged, and counted in the metrics.
 */
public final class RetentionJob {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);
    static final String ACTOR = "retention-job";
    static final int PAGE = 500;

    private final RedisCalls redis;
    private final SessionStore store;
    private final SubjectIndex index;
    private final SubjectKeys keys;
    private final MessageIndex messages;
    private final Optional<EventStreamScan> events;
    private final DecisionLog log;
    private final PrivacyMetrics metrics;
    private final Clock clock;
    private final Duration timeout;

    public RetentionJob(RedisCalls redis, SessionStore store, SubjectIndex index, SubjectKeys keys,
                        Optional<String> eventStream, long maxEventScan, DecisionLog log, PrivacyMetrics metrics,
                        Clock clock, Duration timeout) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.store = Objects.requireNonNull(store, "store");
        this.index = Objects.requireNonNull(index, "index");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.messages = new MessageIndex(redis);
        this.events = eventStream.map(s -> new EventStreamScan(redis, s, maxEventScan));
        this.log = Objects.requireNonNull(log, "log");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * One pass.
     *
     * @throws PrivacyStoreException when Redis fails part-way (the next run continues)
     */
    public RetentionReport run() {
        Instant now = clock.instant();
        RetentionPolicy policy = keys.policy();
        try {
            long eventsDeleted = events.map(e -> e.purgeExpired(policy, now)).orElse(0L);
            long shredded = purgeKeys(policy, now);
            long[] sessions = purgeSessions(policy, now);
            RetentionReport report = new RetentionReport(eventsDeleted, shredded, sessions[0], sessions[1]);
            // Every run, even one that purged nothing: the log then shows the job kept running.
            if (!log.appendAction(ActionRecord.of(now, ActionRecord.Action.RETENTION, ACTOR, "-", report.detail()))) {
                LOG.warn("the retention run could not be recorded in the decision log (queue full or log failed)");
            }
            LOG.info("retention run purged {}", report.detail());
            metrics.retention(report);
            return report;
        } catch (RuntimeException e) {
            metrics.run(false);
            throw e;
        }
    }

    /** Deletes the key fields ({@code purpose|epoch}) whose epoch ended more than the retention ago. */
    private long purgeKeys(RetentionPolicy policy, Instant now) {
        long deleted = 0;
        for (String key : scan(PrivacyKeys.SUBJECT_KEYS_PATTERN)) {
            List<String> expired = new ArrayList<>();
            for (String field : redis.sync("read subject keys", r -> r.hkeys(key))) {
                int bar = field.lastIndexOf('|');
                try {
                    long epoch = Long.parseLong(field.substring(bar + 1));
                    if (policy.expired(field.substring(0, Math.max(bar, 0)), policy.epochEnd(epoch), now)) {
                        expired.add(field);
                    }
                } catch (NumberFormatException e) {
                    expired.add(field); // not ours to keep: nothing can be sealed under it
                }
            }
            deleted += keys.deleteFields(key, expired);
        }
        return deleted;
    }

    /** @return {index entries deleted, session records deleted} */
    private long[] purgeSessions(RetentionPolicy policy, Instant now) {
        long entries = 0;
        long sessions = 0;
        for (String key : scan(PrivacyKeys.SUBJECT_INDEX_PATTERN)) {
            List<String> expired = new ArrayList<>();
            for (SessionSummary s : index.read(key)) {
                if (policy.expired(s.purpose(), s.expiresAt(), now)) {
                    expired.add(s.sessionId().value());
                    sessions += deleteIfPresent(s) ? 1 : 0;
                    messages.deleteFor(s.sessionId());
                }
            }
            entries += index.deleteEntries(key, expired);
        }
        return new long[] {entries, sessions};
    }

    private boolean deleteIfPresent(SessionSummary s) {
        try {
            return store.delete(s.sessionId()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PrivacyStoreException("delete session", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new PrivacyStoreException("delete session", e.getCause() != null ? e.getCause() : e);
        }
    }

    private List<String> scan(String pattern) {
        List<String> found = new ArrayList<>();
        ScanArgs args = ScanArgs.Builder.matches(pattern).limit(PAGE);
        ScanCursor cursor = ScanCursor.INITIAL;
        while (true) {
            ScanCursor at = cursor;
            KeyScanCursor<String> page = redis.sync("scan", r -> r.scan(at, args));
            found.addAll(page.getKeys());
            if (page.isFinished()) {
                return found;
            }
            cursor = page;
        }
    }
}
