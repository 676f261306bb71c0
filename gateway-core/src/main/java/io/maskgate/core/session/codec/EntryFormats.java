package io.maskgate.core.session.codec;

import io.maskgate.core.number.PhoneNumber;
import io.maskgate.core.session.Participant;
import io.maskgate.core.session.Session;
import io.maskgate.core.session.CloseReason;
import io.maskgate.core.session.Closure;
import io.maskgate.core.session.SessionId;
import io.maskgate.core.session.SessionMode;
import io.maskgate.core.session.SessionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The plaintext layouts inside the envelopes. Compact, versioned, big-endian; strings are a 2-byte
 * length then UTF-8. A new layout gets a new version byte and both are read until every entry
 * written with the old one has expired.
 *
 * <pre>
 * routing v1: 0x01 | sessionId | purpose | callerId | counterpartId | counterpartE164 | expiresAtMillis(8)
 * session v1: 0x01 | id | purpose | aId | aE164 | bId | bE164 | proxyE164 | pool
 *                  | createdAtMillis(8) | expiresAtMillis(8) | reference
 * </pre>
 */
final class EntryFormats {

    static final int ROUTING_V1 = 1;
    static final int ROUTING_V2 = 2;
    static final int SESSION_V1 = 1;
    static final int SESSION_V2 = 2;

    private EntryFormats() {
    }

    static byte[] encodeRouting(RoutingEntry e) {
        return new EntryWriter()
                .writeByte(ROUTING_V2)
                .writeString(e.sessionId().value())
                .writeString(e.purpose())
                .writeString(e.callerId())
                .writeString(e.counterpart().id())
                .writeString(e.counterpart().number().e164())
                .writeLong(e.expiresAt().toEpochMilli())
                .writeByte(e.mode().ordinal())
                .writeLong(e.slidingTtl().map(Duration::toMillis).orElse(0L))
                .toByteArray();
    }

    static RoutingEntry decodeRouting(byte[] plaintext) {
        EntryReader in = new EntryReader("routing", plaintext);
        int version = in.readVersion(ROUTING_V1, ROUTING_V2);
        RoutingEntry entry = checked("routing", () -> {
            RoutingEntry v1 = new RoutingEntry(
                    new SessionId(in.readString()),
                    in.readString(),
                    in.readString(),
                    new Participant(in.readString(), PhoneNumber.ofE164(in.readString())),
                    Instant.ofEpochMilli(in.readLong()));
            if (version == ROUTING_V1) {
                return v1;
            }
            return new RoutingEntry(v1.sessionId(), v1.purpose(), v1.callerId(), v1.counterpart(), v1.expiresAt(),
                    mode(in.readByte()), sliding(in.readLong()));
        });
        in.expectEnd();
        return entry;
    }

    static byte[] encodeSession(Session s) {
        return new EntryWriter()
                .writeByte(SESSION_V2)
                .writeString(s.id().value())
                .writeString(s.purpose())
                .writeString(s.a().id())
                .writeString(s.a().number().e164())
                .writeString(s.b().id())
                .writeString(s.b().number().e164())
                .writeString(s.proxyNumber().e164())
                .writeString(s.pool())
                .writeLong(s.createdAt().toEpochMilli())
                .writeLong(s.expiresAt().toEpochMilli())
                .writeString(s.reference())
                .writeByte(s.mode().ordinal())
                .writeLong(s.slidingTtl().map(Duration::toMillis).orElse(0L))
                .writeLong(s.activeUntil().toEpochMilli())
                .writeByte(s.closure().map(c -> c.reason().code()).orElse(0))
                .writeLong(s.closure().map(c -> c.at().toEpochMilli()).orElse(0L))
                .toByteArray();
    }

    static Session decodeSession(byte[] plaintext) {
        EntryReader in = new EntryReader("session", plaintext);
        int version = in.readVersion(SESSION_V1, SESSION_V2);
        Session session = checked("session", () -> {
            Session v1 = new Session(
                    new SessionId(in.readString()),
                    in.readString(),
                    new Participant(in.readString(), PhoneNumber.ofE164(in.readString())),
                    new Participant(in.readString(), PhoneNumber.ofE164(in.readString())),
                    PhoneNumber.ofE164(in.readString()),
                    in.readString(),
                    Instant.ofEpochMilli(in.readLong()),
                    Instant.ofEpochMilli(in.readLong()),
                    in.readString());
            if (version == SESSION_V1) {
                return v1;
            }
            SessionMode mode = mode(in.readByte());
            Optional<Duration> sliding = sliding(in.readLong());
            Instant activeUntil = Instant.ofEpochMilli(in.readLong());
            int closeCode = in.readByte();
            Instant closedAt = Instant.ofEpochMilli(in.readLong());
            Optional<Closure> closure = closeCode == 0 ? Optional.empty()
                    : Optional.of(new Closure(CloseReason.ofCode(closeCode), closedAt));
            return new Session(v1.id(), v1.purpose(), v1.a(), v1.b(), v1.proxyNumber(), v1.pool(), v1.createdAt(),
                    v1.expiresAt(), v1.reference(), mode, sliding, activeUntil,
                    closure.isPresent() ? SessionStatus.CLOSED : SessionStatus.OPEN, closure);
        });
        in.expectEnd();
        return session;
    }

    private static SessionMode mode(int ordinal) {
        SessionMode[] all = SessionMode.values();
        if (ordinal >= all.length) {
            throw new IllegalArgumentException("unknown mode " + ordinal);
        }
        return all[ordinal];
    }

    private static Optional<Duration> sliding(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("negative sliding ttl");
        }
        return millis == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(millis));
    }

    /** Arguments are evaluated left to right (JLS 15.7.4), which is the field order above. */
    private static <T> T checked(String what, Supplier<T> decode) {
        try {
            return decode.get();
        } catch (IllegalArgumentException e) {
            // Authenticated but invalid content can only come from a writer bug; never route on it.
            throw new UnreadableEntryException(what, e);
        }
    }
}
