package io.maskgate.core.consent;

import io.maskgate.core.routing.Channel;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A revocation on the pub/sub channel, before sealing:
 * {@code format(1) | origin | subject | purpose ("" = all) | channel (0 all, 1 voice, 2 sms) | revocation id},
 * strings as 2-byte length + UTF-8. {@code origin} is the sending node, which ignores its own echo.
 */
record RevocationMessage(String origin, Revocation revocation) {

    private static final int FORMAT = 1;

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeUTF(origin);
            out.writeUTF(revocation.subjectId());
            out.writeUTF(revocation.purpose().orElse(""));
            out.writeByte(revocation.channel().map(c -> c.ordinal() + 1).orElse(0));
            out.writeUTF(revocation.revocationId());
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory stream", e);
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException when the bytes are not a format-1 message */
    static RevocationMessage decode(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            if (in.get() != FORMAT) {
                throw new IllegalArgumentException("unknown revocation message format");
            }
            String origin = string(in);
            String subject = string(in);
            String purpose = string(in);
            int channel = in.get();
            String id = string(in);
            if (in.hasRemaining() || channel < 0 || channel > Channel.values().length) {
                throw new IllegalArgumentException("malformed revocation message");
            }
            return new RevocationMessage(origin, new Revocation(subject,
                    purpose.isEmpty() ? Optional.empty() : Optional.of(purpose),
                    channel == 0 ? Optional.empty() : Optional.of(Channel.values()[channel - 1]), id));
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated revocation message", e);
        }
    }

    /** Reads what {@link DataOutputStream#writeUTF} wrote; our fields are plain UTF-8 without NUL. */
    private static String string(ByteBuffer in) {
        byte[] b = new byte[in.getShort() & 0xffff];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
