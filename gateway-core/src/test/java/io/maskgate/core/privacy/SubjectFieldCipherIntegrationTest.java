package io.maskgate.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.core.audit.DecisionRecord;
import io.maskgate.core.events.SafeText;
import io.maskgate.core.routing.Channel;
import io.maskgate.core.routing.RefusalReason;
import io.maskgate.testing.RedisServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sealing party ids under subject keys, against a real redis-server that is also stopped. */
class SubjectFieldCipherIntegrationTest {

    @TempDir
    Path dir;

    @Test
    void sealedFieldsHoldNoDigitsOpenAgainAndAreWithheldNotWrittenInClearWhileRedisIsDown() {
        try (RedisServer redis = RedisServer.startNew();
             PrivacyRig rig = new PrivacyRig(redis, dir, Clock.systemUTC(), RetentionPolicy.defaults())) {
            DecisionRecord record = DecisionRecord.refused(Instant.now(), Channel.SMS, RefusalReason.CONSENT_DENIED)
                    .withSession(new io.maskgate.core.session.SessionId("0a1b2c3d-AAAAAAAAAAAAAAAAAAAAAA"),
                            "support", "cust-7", "agent-9");
            DecisionRecord sealed = rig.fields.seal(record);
            String caller = sealed.callerId().orElseThrow().value();
            assertTrue(SubjectFieldCipher.isSealed(caller), caller);
            assertFalse(caller.chars().anyMatch(Character::isDigit), caller);
            assertFalse(SafeText.of(caller).masked(), "SafeText leaves a sealed field as it is");
            assertFalse(caller.contains("cust-7"));
            assertEquals("cust-7", rig.fields.open(caller));
            assertEquals("agent-9", rig.fields.open(sealed.calleeId().orElseThrow().value()));
            assertEquals("legacy-id", rig.fields.open("legacy-id"), "fields from before sealing stay readable");

            redis.stop();
            DecisionRecord down = rig.fields.seal(record.withSession(record.sessionId().orElseThrow(), "support",
                    "cust-8", "agent-10"));
            assertEquals(SubjectFieldCipher.WITHHELD, down.callerId().orElseThrow().value());
            assertEquals(SubjectFieldCipher.WITHHELD, down.calleeId().orElseThrow().value());
            assertEquals(2.0, rig.registry.get(SubjectFieldCipher.WITHHELD_METRIC).counter().count());
            DecisionRecord cached = rig.fields.seal(record);
            assertTrue(SubjectFieldCipher.isSealed(cached.callerId().orElseThrow().value()),
                    "a key this node already holds still seals while Redis is down");
            redis.start();
        }
    }
}
