package io.maskgate.core.session.codec;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Reads what {@link EntryWriter} wrote; any shortfall or excess is {@link UnreadableEntryException}. */
final class EntryReader {

    private final String what;
    private final ByteBuffer in;

    EntryReader(String what, byte[] bytes) {
        this.what = what;
        this.in = ByteBuffer.wrap(bytes);
    }

    int readByte() {
        try {
            return in.get() & 0xff;
        } catch (BufferUnderflowException e) {
            throw new UnreadableEntryException(what, e);
        }
    }

    long readLong() {
        try {
            return in.getLong();
        } catch (BufferUnderflowException e) {
            throw new UnreadableEntryException(what, e);
        }
    }

    String readString() {
        try {
            int length = in.getShort() & 0xffff;
            byte[] bytes = new byte[length];
            in.get(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (BufferUnderflowException e) {
            throw new UnreadableEntryException(what, e);
        }
    }

    /** Reads the format version byte written first; it must be one of {@code known}. */
    int readVersion(int... known) {
        int actual = readByte();
        for (int v : known) {
            if (v == actual) {
                return actual;
            }
        }
        throw new UnreadableEntryException(what + " (format version " + actual + ")", null);
    }

    void expectEnd() {
        if (in.hasRemaining()) {
            throw new UnreadableEntryException(what + " (trailing bytes)", null);
        }
    }
}
