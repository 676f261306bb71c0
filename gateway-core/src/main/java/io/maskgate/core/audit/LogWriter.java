package io.maskgate.core.audit;

import io.maskgate.keystore.AuditMac;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer thread's half of {@link FileDecisionLog}: numbers and chains records, writes them in
 * batches, forces the file per the fsync policy. Confined to that one thread, except
 * {@link #failed()} and {@link #stopped()}, which are safe to read from any thread.
 */
final class LogWriter {

    private static final Logger LOG = LoggerFactory.getLogger(LogWriter.class);

    enum Sync { IF_DUE, NOW }

    private final Path file;
    private final FileChannel channel;
    private final AuditMac key;
    private final SubjectFieldSealer sealer;
    private final String node;
    private final int fsyncEvery;
    private final Counter written;
    private final Counter masked;
    private final Counter lost;
    private final StringBuilder pending = new StringBuilder(64 * 1024);
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private int pendingRecords;
    private long seq;
    private byte[] previousMac;
    private long unsynced;
    private volatile boolean failed;

    LogWriter(Path file, FileChannel channel, AuditMac key, FileDecisionLogOptions options, LogTail tail,
            MeterRegistry registry, SubjectFieldSealer sealer) {
        this.file = file;
        this.sealer = sealer;
        this.channel = channel;
        this.key = key;
        this.node = options.node();
        this.fsyncEvery = options.fsyncEveryRecords();
        this.seq = tail.seq();
        this.previousMac = tail.mac();
        this.written = Counter.builder(AuditMetrics.RECORDS)
                .description("Decision records written to the audit log").register(registry);
        this.masked = Counter.builder(AuditMetrics.MASKED)
                .description("Decision records written with a phone-number-like text field masked").register(registry);
        this.lost = Counter.builder(AuditMetrics.WRITE_ERRORS)
                .description("Accepted decision records lost because the audit log could not be written")
                .register(registry);
    }

    /** Numbers, chains and buffers one record; a decision's party ids are sealed first. */
    void add(LogRecord given) {
        if (failed) {
            lost.increment();
            return;
        }
        LogRecord record = given instanceof DecisionRecord d ? sealer.seal(d) : given;
        seq++;
        String canonical = AuditLineFormat.canonical(seq, node, record, key.keyId());
        previousMac = AuditChain.next(key, previousMac, canonical);
        pending.append(AuditLineFormat.line(canonical, previousMac));
        pendingRecords++;
        if (record instanceof DecisionRecord d && d.anyMasked()) {
            masked.increment();
        }
    }

    /** Hands the buffered lines to the OS, then forces them to disk if asked or due. */
    void write(Sync sync) {
        if (failed) {
            return;
        }
        try {
            if (pendingRecords > 0) {
                ByteBuffer bytes = ByteBuffer.wrap(pending.toString().getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                written.increment(pendingRecords);
                unsynced += pendingRecords;
            }
            if (sync == Sync.NOW || (fsyncEvery > 0 && unsynced >= fsyncEvery)) {
                force();
            }
        } catch (IOException e) {
            fail(e);
        } finally {
            pending.setLength(0);
            pendingRecords = 0;
        }
    }

    /** Forces what is written but not yet on disk (the fsync timer). */
    void sync() {
        if (failed) {
            return;
        }
        try {
            force();
        } catch (IOException e) {
            fail(e);
        }
    }

    boolean hasUnsynced() {
        return unsynced > 0 && !failed;
    }

    boolean failed() {
        return failed;
    }

    /** Completes flush requests: normally if everything up to now is on disk, else with the failure. */
    void complete(List<CompletableFuture<Void>> flushes) {
        for (CompletableFuture<Void> flush : flushes) {
            if (failed) {
                flush.completeExceptionally(new AuditException("audit log " + file + " has failed"));
            } else {
                flush.complete(null);
            }
        }
    }

    /** Completes once the writer has closed the file. */
    CompletableFuture<Void> stopped() {
        return stopped;
    }

    void close() {
        try {
            if (!failed) {
                force();
            }
            channel.close();
        } catch (IOException e) {
            fail(e);
        } finally {
            stopped.complete(null);
        }
    }

    private void force() throws IOException {
        if (unsynced > 0) {
            channel.force(false);
            unsynced = 0;
        }
    }

    private void fail(IOException e) {
        lost.increment(pendingRecords); // lines handed to the OS before the error are kept by it
        failed = true;
        LOG.error("audit log {} cannot be written; the log stops at seq {} and refuses new records ({})",
                file, seq - pendingRecords, e.toString());
    }
}
