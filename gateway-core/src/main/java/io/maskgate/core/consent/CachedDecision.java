package io.maskgate.core.consent;

import io.maskgate.core.routing.ConsentVerdict;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * A platform decision as cached: the answer, the subject's revocation epoch it was fetched under,
 * and when it stops being usable (by the gate's clock; the Redis TTL only cleans up).
 */
record CachedDecision(SourceAnswer.Decision decision, String decisionId, long epoch, Instant expiresAt) {

    private static final int FORMAT = 1;

    CachedDecision {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    ConsentVerdict toVerdict() {
        return decision == SourceAnswer.Decision.GRANTED
                ? ConsentVerdict.granted(decisionId) : ConsentVerdict.denied(decisionId);
    }

    boolean isLiveAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    /** {@code format(1) | decision(1) | epoch(8) | expiresAt ms(8) | id length(2) | id UTF-8}. */
    byte[] encode() {
        byte[] id = decisionId.getBytes(StandardCharsets.UTF_8);
        if (id.length > 0xffff) {
            throw new IllegalArgumentException("decision id too long");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(20 + id.length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeByte(decision.ordinal());
            out.writeLong(epoch);
            out.writeLong(expiresAt.toEpochMilli());
            out.writeShort(id.length);
            out.write(id);
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory stream", e);
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException when the bytes are not a format-1 entry */
    static CachedDecision decode(byte[] plaintext) {
        try {
            ByteBuffer in = ByteBuffer.wrap(plaintext);
            if (in.get() != FORMAT) {
                throw new IllegalArgumentException("unknown consent entry format");
            }
            int d = in.get();
            if (d < 0 || d >= SourceAnswer.Decision.values().length) {
                throw new IllegalArgumentException("unknown decision");
            }
            long epoch = in.getLong();
            Instant expiresAt = Instant.ofEpochMilli(in.getLong());
            byte[] id = new byte[in.getShort() & 0xffff];
            in.get(id);
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("trailing bytes");
            }
            return new CachedDecision(SourceAnswer.Decision.values()[d],
                    new String(id, StandardCharsets.UTF_8), epoch, expiresAt);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated consent entry", e);
        }
    }
}
