package io.maskgate.core.audit;

import io.maskgate.keystore.AuditMac;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision log as an append-only file, one {@link AuditLineFormat} line per record, chained
 * with {@link AuditChain} under the newest audit key. An existing file is continued: the first new
 * record chains from its last line ({@link LogTail}).
 *
 * <p>Callers only touch a queue (see {@link DecisionLog} for why it is bounded and never blocks);
 * one writer thread numbers, chains, writes and forces. Numbering on the writer, not the caller,
 * is what keeps sequence order equal to file order when many relay threads append at once.
 *
 * <p>If the file cannot be written (disk full, I/O error) the log fails for good: it logs the
 * error, counts the records it loses in {@value AuditMetrics#WRITE_ERRORS}, refuses further
 * appends, fails pending flushes, and reports {@link #isHealthy()} false so readiness can say so.
 * It does not retry: a half-written line followed by more lines would break the chain for every
 * later record, while a clean stop leaves a file that verifies up to the failure.
 */
public final class FileDecisionLog implements DecisionLog {

    private static final Logger LOG = LoggerFactory.getLogger(FileDecisionLog.class);
    private static final int MAX_BATCH = 1024;

    /** Queue items besides records. */
    private record FlushRequest(CompletableFuture<Void> done) {
    }

    private enum Stop { INSTANCE }

    /** Test seam: runs on the writer thread before each batch (a test can hold the writer there). */
    interface BatchHook {
        BatchHook NONE = () -> { };

        void beforeBatch() throws InterruptedException;
    }

    private final Path file;
    private final FileDecisionLogOptions options;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    /** Records accepted and not yet written; the bound the queue itself does not enforce. */
    private final AtomicInteger queued = new AtomicInteger();
    /** Callers inside append/flush; close waits for zero so nothing lands behind the stop marker. */
    private final AtomicInteger entering = new AtomicInteger();
    private final Counter queueFull;
    private final Counter rejected;
    private final LogWriter writer;
    private final Thread thread;
    private final BatchHook hook;
    private volatile boolean closed;

    private FileDecisionLog(Path file, FileDecisionLogOptions options, LogWriter writer, MeterRegistry registry,
            BatchHook hook) {
        this.file = file;
        this.hook = hook;
        this.options = options;
        this.writer = writer;
        this.queueFull = Counter.builder(AuditMetrics.QUEUE_FULL)
                .description("Decision records refused because the audit queue was full").register(registry);
        this.rejected = Counter.builder(AuditMetrics.REJECTED)
                .description("Decision records refused because the audit log was closed or failed").register(registry);
        Gauge.builder(AuditMetrics.QUEUED, queued, AtomicInteger::get)
                .description("Decision records accepted and not yet written").register(registry);
        Gauge.builder(AuditMetrics.HEALTHY, this, log -> log.isHealthy() ? 1 : 0)
                .description("1 while the audit log accepts records").register(registry);
        this.thread = new Thread(this::run, "maskgate-audit-writer");
        this.thread.setDaemon(true);
    }

    /**
     * Opens (creating if needed) {@code file} and starts the writer thread.
     *
     * @param key the audit key new records are chained under ({@code keyRing.auditKey()})
     * @throws AuditException if the file cannot be opened, or its last line cannot be chained from
     */
    public static FileDecisionLog open(Path file, AuditMac key, FileDecisionLogOptions options, MeterRegistry registry) {
        return open(file, key, options, registry, BatchHook.NONE, SubjectFieldSealer.NONE);
    }

    /**
     * As {@link #open(Path, AuditMac, FileDecisionLogOptions, MeterRegistry)}, with the party ids of
     * every decision sealed by {@code sealer} on the writer thread before the line is chained.
     */
    public static FileDecisionLog open(Path file, AuditMac key, FileDecisionLogOptions options, MeterRegistry registry,
            SubjectFieldSealer sealer) {
        return open(file, key, options, registry, BatchHook.NONE, sealer);
    }

    static FileDecisionLog open(Path file, AuditMac key, FileDecisionLogOptions options, MeterRegistry registry,
            BatchHook hook) {
        return open(file, key, options, registry, hook, SubjectFieldSealer.NONE);
    }

    static FileDecisionLog open(Path file, AuditMac key, FileDecisionLogOptions options, MeterRegistry registry,
            BatchHook hook, SubjectFieldSealer sealer) {
        Objects.requireNonNull(sealer, "sealer");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(registry, "registry");
        FileChannel channel;
        LogTail tail;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw AuditException.io("open", file, e);
        }
        try {
            tail = LogTail.recover(file, channel);
            channel.position(channel.size());
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw e instanceof AuditException a ? a : AuditException.io("read the end of", file, e);
        }
        LogWriter writer = new LogWriter(file, channel, key, options, tail, registry, sealer);
        FileDecisionLog log = new FileDecisionLog(file, options, writer, registry, hook);
        log.thread.start();
        LOG.info("audit log {} open at seq {} under audit key {}", file, tail.seq(), key.keyId());
        return log;
    }

    @Override
    public boolean append(DecisionRecord record) {
        return enqueue(record);
    }

    @Override
    public boolean appendAction(ActionRecord record) {
        return enqueue(record);
    }

    /** The file this log appends to (the admin API verifies and exports it). */
    public Path file() {
        return file;
    }

    private boolean enqueue(LogRecord record) {
        Objects.requireNonNull(record, "record");
        entering.incrementAndGet();
        try {
            if (closed || writer.failed()) {
                rejected.increment();
                return false;
            }
            if (queued.incrementAndGet() > options.queueCapacity()) {
                queued.decrementAndGet();
                queueFull.increment();
                return false;
            }
            queue.add(record);
            return true;
        } finally {
            entering.decrementAndGet();
        }
    }

    @Override
    public CompletableFuture<Void> flush() {
        entering.incrementAndGet();
        try {
            if (writer.failed()) {
                return CompletableFuture.failedFuture(new AuditException("audit log " + file + " has failed"));
            }
            if (closed) {
                return thread.isAlive() ? writer.stopped() : CompletableFuture.completedFuture(null);
            }
            FlushRequest request = new FlushRequest(new CompletableFuture<>());
            queue.add(request);
            return request.done();
        } finally {
            entering.decrementAndGet();
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        while (entering.get() != 0) {
            Thread.onSpinWait(); // an append that saw 'closed == false' is finishing its queue.add
        }
        queue.add(Stop.INSTANCE);
        try {
            thread.join(options.closeTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.error("audit log {} did not drain within {}; {} records not yet written", file,
                    options.closeTimeout(), queued.get());
        }
    }

    /** False once the file could not be written, or after close. */
    public boolean isHealthy() {
        return !closed && !writer.failed();
    }

    /** Records accepted and not yet written. */
    public int queuedRecords() {
        return queued.get();
    }

    private void run() {
        List<Object> batch = new ArrayList<>(MAX_BATCH);
        long intervalNanos = options.fsyncInterval().toNanos();
        try {
            while (true) {
                Object first = writer.hasUnsynced() && intervalNanos > 0
                        ? queue.poll(intervalNanos, TimeUnit.NANOSECONDS) : queue.take();
                if (first == null) {
                    writer.sync();
                    continue;
                }
                hook.beforeBatch();
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                boolean stop = process(batch);
                batch.clear();
                if (stop) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            LOG.error("audit writer interrupted; {} accepted records not written", queued.get());
            writer.close();
        }
    }

    /** Writes a batch; @return true when the stop marker was in it. */
    private boolean process(List<Object> batch) {
        List<CompletableFuture<Void>> flushes = new ArrayList<>();
        boolean stop = false;
        int records = 0;
        for (Object item : batch) {
            if (item instanceof LogRecord record) {
                writer.add(record);
                records++;
            } else if (item instanceof FlushRequest request) {
                flushes.add(request.done());
            } else {
                stop = true;
            }
        }
        writer.write(flushes.isEmpty() && !stop ? LogWriter.Sync.IF_DUE : LogWriter.Sync.NOW);
        queued.addAndGet(-records);
        writer.complete(flushes);
        if (stop) {
            writer.close();
        }
        return stop;
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing audit log channel after a failed open: {}", e.toString());
        }
    }
}
