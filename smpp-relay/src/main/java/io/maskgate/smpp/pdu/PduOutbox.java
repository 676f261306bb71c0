package io.maskgate.smpp.pdu;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whole PDUs on their way out of one connection. Callers {@link #send} composed PDUs without
 * blocking (they may be the Redis event loop or a jsmpp worker); one drain at a time, on the
 * given executor, writes everything queued so far in a single write. Under load that is one
 * system call and one wake-up of the peer's reader for many PDUs instead of one each, which on
 * a small machine is most of what a relayed message costs.
 *
 * <p>Writes hold the stream's monitor, the lock jsmpp's {@code SynchronizedPDUSender} takes, so
 * they never interleave with the PDUs jsmpp writes itself (enquire_link, deliver_sm_resp ...).
 * The queue needs no bound of its own: every PDU in it holds a window slot (submit_sm_resp) or
 * an in-flight slot (submit_sm).
 */
public final class PduOutbox {
    private static final Logger log = LoggerFactory.getLogger(PduOutbox.class);

    private final OutputStream out;
    private final Executor writer;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    /** @param writer runs the drains; when it refuses (shut down), the caller drains itself */
    public PduOutbox(OutputStream out, Executor writer) {
        this.out = Objects.requireNonNull(out, "out");
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    /** Queues a PDU; {@code onFailure} hears of it when the write fails (the connection is gone). */
    public void send(byte[] pdu, Consumer<IOException> onFailure) {
        queue.add(new Pending(pdu, onFailure));
        if (draining.compareAndSet(false, true)) {
            try {
                writer.execute(this::drain);
            } catch (RejectedExecutionException e) {
                drain();
            }
        }
    }

    private void drain() {
        do {
            writeQueued();
            draining.set(false);
            // A PDU queued after the last poll but before the flag dropped found it still set.
        } while (!queue.isEmpty() && draining.compareAndSet(false, true));
    }

    private void writeQueued() {
        ByteArrayOutputStream batch = new ByteArrayOutputStream(512);
        java.util.List<Pending> written = new java.util.ArrayList<>();
        for (Pending p = queue.poll(); p != null; p = queue.poll()) {
            batch.writeBytes(p.pdu);
            written.add(p);
        }
        if (written.isEmpty()) {
            return;
        }
        try {
            synchronized (out) {
                batch.writeTo(out);
                out.flush();
            }
        } catch (IOException e) {
            log.debug("Write of {} PDUs failed: {}", written.size(), e.getClass().getSimpleName());
            written.forEach(p -> p.onFailure.accept(e));
        }
    }

    private record Pending(byte[] pdu, Consumer<IOException> onFailure) {}
}
