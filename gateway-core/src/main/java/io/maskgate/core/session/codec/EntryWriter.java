package io.maskgate.core.session.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Appends big-endian fields to a byte array: the plaintext inside an envelope. */
final class EntryWriter {

    /** No field we store comes near this; a larger one is a caller bug, refused before sealing. */
    static final int MAX_STRING_BYTES = 4096;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(128);

    EntryWriter writeByte(int b) {
        out.write(b);
        return this;
    }

    EntryWriter writeLong(long v) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (v >>> shift));
        }
        return this;
    }

    /** Length (2 bytes, unsigned) then UTF-8 bytes. */
    EntryWriter writeString(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_STRING_BYTES) {
            throw new IllegalArgumentException("field longer than " + MAX_STRING_BYTES + " bytes");
        }
        out.write(bytes.length >>> 8);
        out.write(bytes.length);
        out.write(bytes, 0, bytes.length);
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
