package io.maskgate.core.session.codec;

import static io.maskgate.core.session.SessionFixtures.person;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.core.number.PhoneNumber;
import io.maskgate.core.session.Resolution;
import io.maskgate.core.session.Session;
import io.maskgate.core.session.SessionFixtures;
import io.maskgate.core.session.SessionId;
import io.maskgate.keystore.KeyRing;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionCodecTest {

    private static final PhoneNumber PROXY = PhoneNumber.ofE164("+918000000042");
    private static final Instant T = Instant.parse("2025-06-01T10:00:00.123Z");

    private final KeyRing ring = SessionFixtures.testKeys();
    private final SessionCodec codec = new SessionCodec(ring);
    private final RedisKeys keys = codec.keys();

    private Session session() {
        SessionId id = keys.newSessionId(PROXY, new SecureRandom());
        return new Session(id, "delivery", person(1), person(2), PROXY, "riders", T, T.plusSeconds(600), "order-ü-1");
    }

    @Test
    void keysShareOneHashTagAndHoldNoNumber() {
        Session s = session();
        String bucket = keys.bucket(PROXY);
        assertTrue(bucket.matches("[0-9a-f]{8}"), bucket);
        assertTrue(s.id().value().matches(bucket + "-[A-Za-z0-9_-]{22}"), s.id().value());
        for (String key : codec.keysOf(s)) {
            assertTrue(key.startsWith("mg:{" + bucket + "}:"), key);
            assertFalse(key.contains("9876500001") || key.contains("8000000042"), key);
        }
        assertTrue(codec.keysOf(s).get(1).matches("mg:\\{[0-9a-f]{8}}:r:[0-9a-f]{32}"));
        assertEquals(Optional.empty(), keys.sessionKey(new SessionId("made-up")));
    }

    @Test
    void entriesRoundTrip() {
        Session s = session();
        SessionEntries e = codec.seal(s);
        assertEquals(s, codec.openSession(e.session().key(), e.session().value()));
        RoutingEntry fromA = codec.openRouting(e.routingA().key(), e.routingA().value());
        assertEquals(new RoutingEntry(s.id(), "delivery", "p1", person(2), s.expiresAt()), fromA);
        assertEquals(person(1), codec.openRouting(e.routingB().key(), e.routingB().value()).counterpart());
        assertEquals(new Resolution.NoSession(Resolution.Why.EXPIRED), fromA.resolveAt(s.expiresAt()));
    }

    @Test
    void valueUnderAnotherKeyOrTamperedIsUnreadable() {
        SessionEntries e = codec.seal(session());
        assertThrows(UnreadableEntryException.class, () -> codec.openRouting(e.routingB().key(), e.routingA().value()));
        byte[] tampered = e.routingA().value().clone();
        tampered[tampered.length - 1] ^= 1;
        assertThrows(UnreadableEntryException.class, () -> codec.openRouting(e.routingA().key(), tampered));
        assertThrows(UnreadableEntryException.class, () -> codec.openSession(e.routingA().key(), e.routingA().value()));
        SessionCodec otherRing = new SessionCodec(SessionFixtures.testKeys());
        assertThrows(UnreadableEntryException.class, () -> otherRing.openSession(e.session().key(), e.session().value()));
    }

    @Test
    void resealLeavesCurrentValuesAlone() {
        SessionEntries e = codec.seal(session());
        assertEquals(Optional.empty(), codec.reseal(e.session().key(), e.session().value()));
        assertThrows(UnreadableEntryException.class, () -> codec.reseal(e.session().key(), new byte[] {9, 9}));
        assertArrayEquals(e.session().value(), e.session().value());
    }
}
