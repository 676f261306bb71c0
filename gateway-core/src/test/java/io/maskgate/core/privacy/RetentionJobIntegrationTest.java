package io.maskgate.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.core.audit.ActionRecord;
import io.maskgate.core.audit.AuditEntry;
import io.maskgate.core.audit.AuditExporter;
import io.maskgate.core.audit.AuditVerifier;
import io.maskgate.core.audit.DecisionRecord;
import io.maskgate.core.audit.EvidenceReader;
import io.maskgate.core.audit.ExportRange;
import io.maskgate.core.audit.VerifyResult;
import io.maskgate.core.session.Session;
import io.maskgate.testing.MutableClock;
import io.maskgate.testing.RedisServer;
import io.maskgate.testing.RedisServerExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The retention job with an injected clock, against a real redis-server and decision-log file. */
@ExtendWith(RedisServerExtension.class)
class RetentionJobIntegrationTest {

    static final RetentionPolicy POLICY = new RetentionPolicy(Duration.ofDays(30),
            Map.of("delivery", Duration.ofDays(10)), Duration.ofDays(1));

    @TempDir
    Path dir;

    @Test
    void purgesEventsKeysAndIndexAfterThePurposesRetentionAndNotBefore(RedisServer redis) throws Exception {
        MutableClock clock = MutableClock.atSystemTime();
        // The timeline below needs the session (1 h, PrivacyRig.createIndexed) to end inside t0's
        // key epoch (a UTC day): its index entries are then due before the epoch's key. In the last
        // hour before midnight UTC that does not hold, so the test's clock then starts two hours on.
        Instant epochEnd = POLICY.epochEnd(POLICY.epochOf(clock.instant()));
        if (!clock.instant().plus(Duration.ofMinutes(61)).isBefore(epochEnd)) {
            clock.advance(Duration.ofHours(2));
        }
        Instant t0 = clock.instant();
        try (PrivacyRig rig = new PrivacyRig(redis, dir, clock, POLICY)) {
            Session s = rig.createIndexed(21, 22);
            rig.decide(s, t0);
            rig.event(s, s.a().id(), s.b().id());
            rig.log.flush().get(2, TimeUnit.SECONDS);
            RetentionJob job = new RetentionJob(rig.calls, rig.store, rig.index, rig.keys,
                    Optional.of(PrivacyRig.STREAM), 10_000, rig.log, rig.metrics, clock, PrivacyRig.TIMEOUT);

            assertEquals(new RetentionReport(0, 0, 0, 0), job.run());

            // The key of t0's epoch lives until the epoch's end plus the purpose's 10 days.
            Instant keyDue = POLICY.epochEnd(POLICY.epochOf(t0)).plus(Duration.ofDays(10));
            clock.advance(Duration.between(clock.instant(), keyDue).minusMillis(1));
            RetentionReport early = job.run();
            assertEquals(0, early.logKeysShredded(), "a key is kept until its epoch has outlived the retention");
            assertEquals(1, early.eventsDeleted(), "the event is older than 10 days");
            assertEquals(2, early.indexEntriesDeleted(), "both participants' index entries");
            assertEquals(1, early.sessionsDeleted(), "the record still in Redis (its real TTL has not run out)");
            assertEquals(0L, rig.streamLength());

            clock.advance(Duration.ofMillis(1));
            assertEquals(2, job.run().logKeysShredded(), "one key per party");
            assertEquals(new RetentionReport(0, 0, 0, 0), job.run());

            rig.log.flush().get(2, TimeUnit.SECONDS);
            VerifyResult verified = new AuditVerifier(rig.ring).verify(rig.logFile, AuditVerifier.Start.GENESIS);
            assertTrue(verified.ok(), verified.toString());
            Path out = dir.resolve("evidence");
            new AuditExporter(rig.ring).export(rig.logFile, new ExportRange.Seq(1, 5), out);
            List<AuditEntry> entries = EvidenceReader.read(out);
            DecisionRecord d = (DecisionRecord) entries.get(0).record();
            assertEquals(SubjectFieldCipher.ERASED, rig.fields.open(d.callerId().orElseThrow().value()));
            assertEquals(SubjectFieldCipher.ERASED, rig.fields.open(d.calleeId().orElseThrow().value()));
            List<String> runs = entries.subList(1, 5).stream().map(e -> (ActionRecord) e.record())
                    .map(a -> a.action().tag() + " " + a.actor().value() + " " + a.detail().value()).toList();
            assertEquals(List.of(
                    "retention retention-job events=0 logKeys=0 indexEntries=0 sessions=0",
                    "retention retention-job events=1 logKeys=0 indexEntries=2 sessions=1",
                    "retention retention-job events=0 logKeys=2 indexEntries=0 sessions=0",
                    "retention retention-job events=0 logKeys=0 indexEntries=0 sessions=0"), runs);
            assertEquals(4.0, rig.registry.get(PrivacyMetrics.RETENTION_RUNS).tag("outcome", "ok").counter().count());
            assertEquals(1.0, rig.registry.get(PrivacyMetrics.PURGED).tag("kind", "events").tag("cause", "retention")
                    .counter().count());
        }
    }
}
