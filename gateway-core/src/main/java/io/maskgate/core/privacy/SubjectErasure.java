package io.maskgate.core.privacy;

import io.maskgate.core.audit.ActionRecord;
import io.maskgate.core.audit.DecisionLog;
import io.maskgate.core.consent.ConsentErasure;
import io.maskgate.core.events.SafeText;
import io.maskgate.core.session.SessionId;
import io.maskgate.core.session.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erasure of one data principal (DPDP Act 2023 section 12): everything the gateway holds that names
 * the subject is deleted, and what cannot be deleted in place (the decision log's party ids, under
 * a hash chain) is crypto-shredded. In order:
 * <ol>
 *   <li>the subject index lists the sessions (ids lead to the session records: their bucket is in the id);</li>
 *   <li>each live session is deleted through the store (record and both routing keys: resolve finds
 *       nothing from then on); ids already gone are skipped (dangling entries are expected);</li>
 *   <li>the sessions' SMPP message-id entries;</li>
 *   <li>cached consent: revocation on every node (which also ends live calls), shared entries deleted;</li>
 *   <li>event-stream entries naming the subject or its sessions (bounded scan);</li>
 *   <li>the subject's decision-log keys: its fields show {@code <erased>} from then on, the chain verifies;</li>
 *   <li>the subject index itself, last, so that an erasure cut short by an outage is simply run again;</li>
 *   <li>a record of the erasure (who, the subject's token, the counts) in the decision log, flushed.</li>
 * </ol>
 * Blocking: runs on a worker thread, never on an event loop.
 */
public final class SubjectErasure {

    private static final Logger LOG = LoggerFactory.getLogger(SubjectErasure.class);

    private final SessionStore store;
    private final SubjectIndex index;
    private final SubjectKeys keys;
    private final MessageIndex messages;
    private final Optional<EventStreamScan> events;
    private final Optional<ConsentErasure> consent;
    private final DecisionLog log;
    private final PrivacyMetrics metrics;
    private final Clock clock;
    private final Duration timeout;

    /**
     * @param eventStream the interaction-event stream, when events go to Redis
     * @param maxEventScan most stream entries one erasure examines
     * @param timeout backstop on each store call and on the log flush
     */
    public SubjectErasure(SessionStore store, SubjectIndex index, SubjectKeys keys, RedisCalls redis,
                          Optional<String> eventStream, long maxEventScan, Optional<ConsentErasure> consent,
                          DecisionLog log, PrivacyMetrics metrics, Clock clock, Duration timeout) {
        this.store = Objects.requireNonNull(store, "store");
        this.index = Objects.requireNonNull(index, "index");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.messages = new MessageIndex(redis);
        this.events = eventStream.map(s -> new EventStreamScan(redis, s, maxEventScan));
        this.consent = Objects.requireNonNull(consent, "consent");
        this.log = Objects.requireNonNull(log, "log");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * @param actor who asked (the admin token's name)
     * @throws PrivacyStoreException when Redis fails part-way (nothing is reported erased; run it again)
     */
    public ErasureReport erase(String subjectId, String actor) {
        String token = index.names().subjectToken(subjectId);
        List<SessionSummary> sessions = index.sessions(subjectId);
        List<SessionId> ids = sessions.stream().map(SessionSummary::sessionId).toList();
        long deleted = ids.stream().filter(this::deleteSession).count();
        long messageIds = messages.deleteFor(ids);
        long consentEntries = consent.map(c -> await(c.erase(subjectId), "erase consent")).orElse(0L);
        Set<String> idSet = ids.stream().map(SessionId::value).collect(Collectors.toSet());
        long eventEntries = events.map(e -> e.eraseNaming(SafeText.of(subjectId).value(), idSet)).orElse(0L);
        long shredded = keys.erase(token);
        index.delete(subjectId);
        ErasureReport report = new ErasureReport(token, sessions.size(), deleted, messageIds, consentEntries,
                eventEntries, shredded);
        record(ActionRecord.of(clock.instant(), ActionRecord.Action.ERASURE, actor, token, report.detail()));
        metrics.erasure(report);
        LOG.info("erasure of subject {} by {}: {}", token, actor, report.detail());
        return report;
    }

    private boolean deleteSession(SessionId id) {
        return await(store.delete(id), "delete session");
    }

    /** Appends and forces an action record; @throws PrivacyStoreException if it could not be recorded */
    private void record(ActionRecord r) {
        if (!log.appendAction(r)) {
            throw new PrivacyStoreException("decision log append", null);
        }
        await(log.flush(), "decision log flush");
    }

    private <T> T await(java.util.concurrent.CompletableFuture<T> f, String operation) {
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PrivacyStoreException(operation, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new PrivacyStoreException(operation, e.getCause() != null ? e.getCause() : e);
        }
    }
}
