package io.maskgate.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.core.audit.ActionRecord;
import io.maskgate.core.audit.AuditEntry;
import io.maskgate.core.audit.AuditExporter;
import io.maskgate.core.audit.AuditVerifier;
import io.maskgate.core.audit.DecisionRecord;
import io.maskgate.core.audit.EvidenceReader;
import io.maskgate.core.audit.ExportRange;
import io.maskgate.core.audit.VerifyResult;
import io.maskgate.core.session.Resolution;
import io.maskgate.core.session.Session;
import io.maskgate.testing.RedisServer;
import io.maskgate.testing.RedisServerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Erasure against a real redis-server and a real decision-log file. */
@ExtendWith(RedisServerExtension.class)
class SubjectErasureIntegrationTest {

    @TempDir
    Path dir;

    @Test
    void erasesSessionsConsentlessCachesEventsMessageIdsAndShredsLogFields(RedisServer redis) throws Exception {
        try (PrivacyRig rig = new PrivacyRig(redis, dir, Clock.systemUTC(), RetentionPolicy.defaults())) {
            Session first = rig.createIndexed(1, 2);
            Session second = rig.createIndexed(1, 3);
            Session other = rig.createIndexed(4, 5);
            String subject = first.a().id();
            rig.decide(first, Instant.now());
            rig.decide(other, Instant.now());
            rig.event(first, subject, first.b().id());
            rig.event(other, other.a().id(), other.b().id());
            String messageKey = "mg:{abcd0123}:m:deadbeef";
            var redisApi = rig.connector.commands().orElseThrow();
            redisApi.set(messageKey, PrivacyRig.bytes("x")).get(2, TimeUnit.SECONDS);
            redisApi.sadd(PrivacyKeys.messageIndexKey(second.id()).orElseThrow(), PrivacyRig.bytes(messageKey))
                    .get(2, TimeUnit.SECONDS);
            // the first session's entries are sealed under its receipt key (the relay's way now),
            // the second's are in the older set index; the other subject's key must survive
            String firstReceiptKey = PrivacyKeys.receiptKeyKey(first.id()).orElseThrow();
            String otherReceiptKey = PrivacyKeys.receiptKeyKey(other.id()).orElseThrow();
            redisApi.set(firstReceiptKey, PrivacyRig.bytes("k1")).get(2, TimeUnit.SECONDS);
            redisApi.set(otherReceiptKey, PrivacyRig.bytes("k2")).get(2, TimeUnit.SECONDS);
            rig.log.flush().get(2, TimeUnit.SECONDS);
            // as a whole field: a two-letter id like "p1" turns up by chance inside sealed base64url text
            assertFalse(Files.readAllLines(rig.logFile).stream().flatMap(line -> java.util.Arrays.stream(line.split("\t")))
                    .anyMatch(subject::equals), "party ids are sealed in the file");

            SubjectErasure erasure = new SubjectErasure(rig.store, rig.index, rig.keys, rig.calls,
                    Optional.of(PrivacyRig.STREAM), 10_000, Optional.empty(), rig.log, rig.metrics, Clock.systemUTC(),
                    PrivacyRig.TIMEOUT);
            ErasureReport report = erasure.erase(subject, "dpo");

            assertEquals(2, report.sessionsFound());
            assertEquals(2, report.sessionsDeleted());
            assertEquals(2, report.messageIdsDeleted(), "one receipt key shredded, one set-indexed entry deleted");
            assertEquals(1, report.eventsDeleted());
            assertEquals(1, report.logKeysShredded());
            assertEquals(new PrivacyKeys(rig.ring.blindIndex()).subjectToken(subject), report.subjectToken());
            assertInstanceOf(Resolution.NoSession.class,
                    rig.store.resolve(first.proxyNumber(), first.b().number()).get(2, TimeUnit.SECONDS));
            assertInstanceOf(Resolution.NoSession.class,
                    rig.store.resolve(second.proxyNumber(), second.a().number()).get(2, TimeUnit.SECONDS));
            assertInstanceOf(Resolution.Routable.class,
                    rig.store.resolve(other.proxyNumber(), other.a().number()).get(2, TimeUnit.SECONDS));
            assertEquals(0L, redisApi.exists(messageKey).get(2, TimeUnit.SECONDS));
            assertEquals(0L, redisApi.exists(firstReceiptKey).get(2, TimeUnit.SECONDS));
            assertEquals(1L, redisApi.exists(otherReceiptKey).get(2, TimeUnit.SECONDS));
            assertEquals(1L, rig.streamLength());
            assertTrue(rig.index.sessions(subject).isEmpty());

            VerifyResult verified = new AuditVerifier(rig.ring).verify(rig.logFile, AuditVerifier.Start.GENESIS);
            assertTrue(verified.ok(), verified.toString());
            List<AuditEntry> entries = exported(rig);
            DecisionRecord shredded = (DecisionRecord) entries.get(0).record();
            assertEquals(SubjectFieldCipher.ERASED, rig.fields.open(shredded.callerId().orElseThrow().value()));
            assertEquals(first.b().id(), rig.fields.open(shredded.calleeId().orElseThrow().value()),
                    "the other party's id still opens under its own key");
            DecisionRecord kept = (DecisionRecord) entries.get(1).record();
            assertEquals(other.a().id(), rig.fields.open(kept.callerId().orElseThrow().value()));
            ActionRecord action = (ActionRecord) entries.get(2).record();
            assertEquals(ActionRecord.Action.ERASURE, action.action());
            assertEquals("dpo", action.actor().value());
            assertEquals(report.subjectToken(), action.target());
            assertTrue(action.detail().value().contains("sessionsDeleted=2"), action.detail().value());
        }
    }

    @Test
    void eraseIsIdempotentAndToleratesDanglingSessionIds(RedisServer redis) throws Exception {
        try (PrivacyRig rig = new PrivacyRig(redis, dir, Clock.systemUTC(), RetentionPolicy.defaults())) {
            Session s = rig.createIndexed(11, 12);
            rig.store.delete(s.id()).get(2, TimeUnit.SECONDS); // the session is gone, its index entry dangles
            SubjectErasure erasure = new SubjectErasure(rig.store, rig.index, rig.keys, rig.calls, Optional.empty(),
                    10, Optional.empty(), rig.log, rig.metrics, Clock.systemUTC(), PrivacyRig.TIMEOUT);
            ErasureReport first = erasure.erase(s.a().id(), "dpo");
            assertEquals(1, first.sessionsFound());
            assertEquals(0, first.sessionsDeleted());
            ErasureReport again = erasure.erase(s.a().id(), "dpo");
            assertEquals(0, again.sessionsFound());
            assertEquals(Set.of(), Set.copyOf(rig.index.sessions(s.a().id())));
        }
    }

    private List<AuditEntry> exported(PrivacyRig rig) throws Exception {
        Path out = dir.resolve("evidence.log");
        new AuditExporter(rig.ring).export(rig.logFile, new ExportRange.Seq(1, 3), out);
        assertFalse(Files.readString(out, StandardCharsets.UTF_8).contains("+9198765"));
        return EvidenceReader.read(out);
    }
}
