package io.maskgate.core.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an existing log ends: the last line's sequence number and tag, which the next record chains
 * from. Reads backwards from the end, so opening a large log is cheap.
 *
 * <p>A crash (not a clean close) can leave a torn last line without its LF. It cannot carry a valid
 * tag that a reader would trust, and chaining after it would make the whole rest of the file fail
 * verification, so it is cut off and the cut is logged at WARN with its length.
 */
record LogTail(long seq, byte[] mac) {

    private static final Logger LOG = LoggerFactory.getLogger(LogTail.class);
    private static final int CHUNK = 8192;

    static final LogTail EMPTY = new LogTail(0, AuditChain.GENESIS);

    static LogTail recover(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0) {
            return EMPTY;
        }
        long end = lastNewlineBefore(channel, size) + 1; // 0 when no complete line
        if (end < size) {
            LOG.warn("audit log {} ends in a torn line of {} bytes (crash during a write); cutting it off", file, size - end);
            channel.truncate(end);
            channel.force(true);
        }
        if (end == 0) {
            return EMPTY;
        }
        long start = lastNewlineBefore(channel, end - 1) + 1;
        String line = read(channel, start, end - 1);
        AuditLineFormat.Parsed parsed;
        try {
            parsed = AuditLineFormat.parse(line);
        } catch (IllegalArgumentException e) {
            throw AuditException.cannotContinue(file, "its last line is not a valid record (" + e.getMessage() + ")");
        }
        return new LogTail(parsed.entry().seq(), AuditLineFormat.macBytes(parsed.entry().mac()));
    }

    /** Position of the last LF before {@code limit}, or -1. */
    private static long lastNewlineBefore(FileChannel channel, long limit) throws IOException {
        long pos = limit;
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        while (pos > 0) {
            int len = (int) Math.min(CHUNK, pos);
            long from = pos - len;
            buffer.clear().limit(len);
            readFully(channel, buffer, from);
            for (int i = len - 1; i >= 0; i--) {
                if (buffer.get(i) == '\n') {
                    return from + i;
                }
            }
            pos = from;
        }
        return -1;
    }

    private static String read(FileChannel channel, long from, long to) throws IOException {
        if (to - from > Integer.MAX_VALUE - 8) {
            throw new IOException("last line is too long");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) (to - from));
        readFully(channel, buffer, from);
        return new String(buffer.array(), StandardCharsets.UTF_8);
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long pos = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
            pos += n;
        }
    }
}
