package io.maskgate.server.logging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An output stream that passes whole lines through {@link Redactor}: put under {@code System.err}
 * so that a library's {@code printStackTrace()} or a JVM message cannot print a number in clear.
 * A line is held until its newline (or {@link #flush()}), so a number is never split across two
 * writes and half-masked.
 */
final class RedactingOutputStream extends OutputStream {

    /** A line longer than this is passed on (redacted) without waiting for its newline. */
    static final int MAX_LINE_BYTES = 64 * 1024;

    private final OutputStream target;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    RedactingOutputStream(OutputStream target) {
        this.target = target;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        line.write(b);
        if (b == '\n' || line.size() >= MAX_LINE_BYTES) {
            passLine();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        passLine();
        target.flush();
    }

    private void passLine() throws IOException {
        if (line.size() == 0) {
            return;
        }
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        target.write(Redactor.redact(text).getBytes(StandardCharsets.UTF_8));
    }
}
