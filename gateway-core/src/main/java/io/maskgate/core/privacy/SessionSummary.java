package io.maskgate.core.privacy;

import io.maskgate.core.number.PhoneNumber;
import io.maskgate.core.session.Session;
import io.maskgate.core.session.SessionId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Objects;

/**
 * What the subject index keeps about one of a subject's sessions, for access requests, erasure and
 * retention: no participant number, only the proxy number (the operator's own), which an access
 * answer still shows masked. Outlives the session record (which Redis expires at {@code expiresAt})
 * until the purpose's retention has passed.
 */
public record SessionSummary(SessionId sessionId, String purpose, PhoneNumber proxyNumber, Instant createdAt,
                             Instant expiresAt) {

    static final int VERSION = 1;

    public SessionSummary {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(proxyNumber, "proxyNumber");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public static SessionSummary of(Session s) {
        return new SessionSummary(s.id(), s.purpose(), s.proxyNumber(), s.createdAt(), s.expiresAt());
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(sessionId.value());
            out.writeUTF(purpose);
            out.writeUTF(proxyNumber.e164());
            out.writeLong(createdAt.toEpochMilli());
            out.writeLong(expiresAt.toEpochMilli());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException when the bytes are not a version-1 summary */
    static SessionSummary decode(byte[] plain) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain))) {
            if (in.readUnsignedByte() != VERSION) {
                throw new IllegalArgumentException("unknown session summary version");
            }
            return new SessionSummary(new SessionId(in.readUTF()), in.readUTF(), PhoneNumber.ofE164(in.readUTF()),
                    Instant.ofEpochMilli(in.readLong()), Instant.ofEpochMilli(in.readLong()));
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated session summary", e);
        }
    }

    @Override
    public String toString() {
        return "SessionSummary[" + sessionId + ", " + purpose + ", " + proxyNumber.masked() + ", " + createdAt + ".."
                + expiresAt + "]";
    }
}
