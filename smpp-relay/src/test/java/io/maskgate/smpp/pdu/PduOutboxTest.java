package io.maskgate.smpp.pdu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class PduOutboxTest {
    private static final byte[] A = {1, 2};
    private static final byte[] B = {3};
    private static final byte[] C = {4, 5, 6};

    /** Counts write calls, so a test can tell one batch from several writes. */
    private static final class CountingStream extends ByteArrayOutputStream {
        int writes;

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            writes++;
            super.write(b, off, len);
        }
    }

    @Test
    void pdusQueuedBeforeTheDrainRunsGoOutInOrderInOneWrite() {
        CountingStream wire = new CountingStream();
        List<Runnable> scheduled = new ArrayList<>();
        PduOutbox outbox = new PduOutbox(wire, scheduled::add);

        outbox.send(A, e -> { });
        outbox.send(B, e -> { });
        outbox.send(C, e -> { });
        assertEquals(1, scheduled.size(), "one drain at a time");
        assertEquals(0, wire.size(), "nothing written on the callers' threads");

        scheduled.get(0).run();
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6}, wire.toByteArray());
        assertEquals(1, wire.writes);

        outbox.send(A, e -> { });
        assertEquals(2, scheduled.size(), "a later PDU starts a new drain");
    }

    @Test
    void everyPduOfAFailedWriteHearsOfTheFailure() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("connection reset");
            }
        };
        List<IOException> failures = new ArrayList<>();
        PduOutbox outbox = new PduOutbox(broken, Runnable::run);

        outbox.send(A, failures::add);
        outbox.send(B, failures::add);
        assertEquals(2, failures.size());
        assertTrue(failures.stream().allMatch(e -> e.getMessage().equals("connection reset")));
    }

    @Test
    void aShutDownWriterMeansTheCallerWritesItself() {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        PduOutbox outbox = new PduOutbox(wire, task -> {
            throw new RejectedExecutionException("shut down");
        });

        outbox.send(C, e -> { });
        assertArrayEquals(C, wire.toByteArray());
    }
}
