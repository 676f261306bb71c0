package io.maskgate.smpp.server;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import io.maskgate.smpp.pdu.PduOutbox;
import org.jsmpp.DefaultPDUSender;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.SynchronizedPDUSender;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.util.DefaultComposer;
import org.jsmpp.util.PDUComposer;

/**
 * The PDU sender of one ESME connection, able to answer a submit_sm later than jsmpp wants to.
 *
 * <p>jsmpp takes the submit_sm_resp as the return value of {@code onAcceptSubmitSm} and writes it
 * through this sender. Blocking a jsmpp worker until the relay has routed the message, submitted
 * it upstream and stored its receipt mapping costs a parked thread per message in the window and
 * several thread switches per message. Instead the listener {@link #defer defers} the sequence
 * number, returns a placeholder that is dropped here, and {@link #answer answers} (or
 * {@link #refuse refuses}) when the relay's future completes, from whatever thread completes
 * it: the response is composed there and written, batched with others, by a {@link PduOutbox}
 * on the bind's responder thread. Every other PDU passes through.
 */
final class SubmitResponses extends SynchronizedPDUSender {
    private static final byte[] NOTHING_SENT = new byte[0];
    private static final PDUComposer COMPOSER = new DefaultComposer();
    private static final Consumer<IOException> LOST = e -> { };

    private final PduOutbox outbox;
    /** Deferred sequence numbers, counted: a careless ESME may reuse one while it is in flight. */
    private final ConcurrentHashMap<Integer, Integer> deferred = new ConcurrentHashMap<>();

    /** @param responder writes the answers of this connection, one batch at a time */
    SubmitResponses(OutputStream out, Executor responder) {
        super(new DefaultPDUSender());
        this.outbox = new PduOutbox(Objects.requireNonNull(out, "out"), responder);
    }

    /** jsmpp's own submit_sm_resp for {@code sequence} will be dropped; call before the relay starts. */
    void defer(int sequence) {
        deferred.merge(sequence, 1, Integer::sum);
    }

    /**
     * Queues submit_sm_resp ESME_ROK with our message_id (SMPP 3.4 section 4.4.2). A failed write
     * is not reported: the connection is gone, and with it the ESME that could be told.
     */
    void answer(int sequence, String messageId) throws PDUStringException {
        outbox.send(COMPOSER.submitSmResp(sequence, messageId), LOST);
    }

    /** Queues a header-only submit_sm_resp with an error status, as jsmpp sends for a refused request. */
    void refuse(int sequence, int commandStatus) {
        outbox.send(COMPOSER.composeHeader(SMPPConstant.CID_SUBMIT_SM_RESP, commandStatus, sequence), LOST);
    }

    @Override
    public byte[] sendSubmitSmResp(OutputStream os, int sequenceNumber, String messageId,
            OptionalParameter... optionalParameters) throws PDUStringException, IOException {
        if (undefer(sequenceNumber)) {
            return NOTHING_SENT;
        }
        return super.sendSubmitSmResp(os, sequenceNumber, messageId, optionalParameters);
    }

    private boolean undefer(int sequence) {
        boolean[] found = {false};
        deferred.computeIfPresent(sequence, (key, count) -> {
            found[0] = true;
            return count == 1 ? null : count - 1;
        });
        return found[0];
    }
}
