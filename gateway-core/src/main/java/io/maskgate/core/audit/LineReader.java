package io.maskgate.core.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads LF-terminated UTF-8 lines and says whether the last one had its LF: a torn last line is
 * evidence of a crash or a cut file, which {@code BufferedReader.readLine} would hide.
 */
final class LineReader {

    /** One line without its LF; {@code terminated} is false only for a last line cut short. */
    record Line(String text, boolean terminated) {
    }

    private final InputStream in;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);

    /** @param in read through; the caller buffers and closes it */
    LineReader(InputStream in) {
        this.in = in;
    }

    /** The next line, or empty at the end of the stream. */
    Optional<Line> next() throws IOException {
        buffer.reset();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                return Optional.of(new Line(buffer.toString(StandardCharsets.UTF_8), true));
            }
            buffer.write(b);
        }
        return buffer.size() == 0 ? Optional.empty()
                : Optional.of(new Line(buffer.toString(StandardCharsets.UTF_8), false));
    }
}
