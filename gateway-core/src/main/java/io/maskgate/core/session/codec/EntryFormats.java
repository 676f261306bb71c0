package io.maskgate.core.session.codec;

import io.maskgate.core.number.PhoneNumber;
import io.maskgate.core.session.Participant;
import io.maskgate.core.session.Session;
import io.maskgate.core.session.SessionId;
import java.time.Instant;
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
    static final int SESSION_V1 = 1;

    private EntryFormats() {
    }

    static byte[] encodeRouting(RoutingEntry e) {
        return new EntryWriter()
                .writeByte(ROUTING_V1)
                .writeString(e.sessionId().value())
                .writeString(e.purpose())
                .writeString(e.callerId())
                .writeString(e.counterpart().id())
                .writeString(e.counterpart().number().e164())
                .writeLong(e.expiresAt().toEpochMilli())
                .toByteArray();
    }

    static RoutingEntry decodeRouting(byte[] plaintext) {
        EntryReader in = new EntryReader("routing", plaintext).expectVersion(ROUTING_V1);
        RoutingEntry entry = checked("routing", () -> new RoutingEntry(
                new SessionId(in.readString()),
                in.readString(),
                in.readString(),
                new Participant(in.readString(), PhoneNumber.ofE164(in.readString())),
                Instant.ofEpochMilli(in.readLong())));
        in.expectEnd();
        return entry;
    }

    static byte[] encodeSession(Session s) {
        return new EntryWriter()
                .writeByte(SESSION_V1)
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
                .toByteArray();
    }

    static Session decodeSession(byte[] plaintext) {
        EntryReader in = new EntryReader("session", plaintext).expectVersion(SESSION_V1);
        Session session = checked("session", () -> new Session(
                new SessionId(in.readString()),
                in.readString(),
                new Participant(in.readString(), PhoneNumber.ofE164(in.readString())),
                new Participant(in.readString(), PhoneNumber.ofE164(in.readString())),
                PhoneNumber.ofE164(in.readString()),
                in.readString(),
                Instant.ofEpochMilli(in.readLong()),
                Instant.ofEpochMilli(in.readLong()),
                in.readString()));
        in.expectEnd();
        return session;
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
