package io.maskgate.smpp.upstream;

import io.maskgate.core.concurrent.Timeouts;
import io.maskgate.smpp.message.JsmppMessages;
import io.maskgate.smpp.message.SubmitRequest;
import io.maskgate.smpp.pdu.PduOutbox;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.PDUReader;
import org.jsmpp.PDUSender;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Command;
import org.jsmpp.extra.PendingResponse;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.connection.ConnectionFactory;
import org.jsmpp.util.DefaultComposer;
import org.jsmpp.util.DefaultDecomposer;
import org.jsmpp.util.PDUDecomposer;
import org.jsmpp.util.PDUComposer;

/**
 * jsmpp's client session plus a submit_sm that does not hold a thread until its submit_sm_resp.
 *
 * <p>jsmpp 3.0's {@code submitShortMessage} parks the calling thread until the response, so a
 * window of N submits towards the SMSC costs N parked threads and two thread switches per
 * message. Here the submit_sm is composed with the session's own sequence and written, batched
 * with others, by a {@link PduOutbox} on the bind's writer thread; its submit_sm_resp is
 * {@linkplain #claim claimed} on the reader thread, so the future completes there. A
 * generic_nack is claimed where jsmpp looks it up ({@link #removePendingResponse}) and
 * completes on the jsmpp worker that handled it. Everything else (bind, enquire_link, deliver_sm, unbind) is jsmpp's as before.
 */
final class AsyncSubmitSession extends SMPPSession {
    private static final PDUComposer COMPOSER = new DefaultComposer();
    private static final PDUDecomposer DECOMPOSER = new DefaultDecomposer();

    private final Map<Integer, PendingSubmit> pending = new ConcurrentHashMap<>();
    private final Executor writer;
    private volatile PduOutbox outbox;

    /** @param writer writes this session's submit_sm, one batch at a time */
    AsyncSubmitSession(PDUSender sender, PDUReader reader, ConnectionFactory factory, Executor writer) {
        super(sender, reader, factory);
        this.writer = writer;
        addSessionStateListener((newState, oldState, source) -> {
            if (newState == SessionState.CLOSED) {
                failAll();
            }
        });
    }

    /**
     * Queues a submit_sm without blocking. The future completes with the response
     * (whatever its command_status: the caller maps it), or fails with the I/O or encoding error,
     * or with a {@link java.util.concurrent.TimeoutException} after {@code timeoutMillis}, or with
     * {@link IOException} when the session closes first.
     */
    CompletableFuture<Command> submit(SubmitRequest r, long timeoutMillis) {
        int sequence = sequence().nextValue();
        PendingSubmit submit = new PendingSubmit(timeoutMillis);
        pending.put(sequence, submit);
        Timeouts.orTimeout(submit.future, timeoutMillis)
                .whenComplete((response, error) -> pending.remove(sequence, submit));
        try {
            ensureTransmittable("submit_sm");
            byte[] pdu = COMPOSER.submitSm(sequence, JsmppMessages.nullIfEmpty(r.serviceType()),
                    r.source().ton(), r.source().npi(), r.source().address(),
                    r.destination().ton(), r.destination().npi(), r.destination().address(),
                    r.esmClass(), r.protocolId(), r.priorityFlag(),
                    JsmppMessages.nullIfEmpty(r.scheduleDeliveryTime()), JsmppMessages.nullIfEmpty(r.validityPeriod()),
                    r.registeredDelivery(), r.replaceIfPresent(), r.dataCoding(), r.smDefaultMsgId(),
                    r.shortMessage(), JsmppMessages.optionalParameters(r.tlvs()));
            outbox().send(pdu, submit.future::completeExceptionally);
        } catch (PDUException | IOException | RuntimeException e) {
            submit.future.completeExceptionally(e);
        }
        return submit.future;
    }

    /**
     * On the reader thread, for every PDU read: a submit_sm_resp to one of our submits completes
     * its future right here instead of going through jsmpp's worker queue, which would cost a
     * thread wake-up per message (and, with idle workers waiting, a cascade of them). Everything
     * else, and a response nobody waits for any more, still goes to jsmpp.
     */
    boolean claim(int commandId, byte[] pdu) {
        if (commandId != SMPPConstant.CID_SUBMIT_SM_RESP) {
            return false;
        }
        PendingSubmit submit = pending.remove(sequenceOf(pdu));
        if (submit == null) {
            return false;
        }
        try {
            submit.future.complete(DECOMPOSER.submitSmResp(pdu));
        } catch (PDUStringException | RuntimeException e) {
            submit.future.completeExceptionally(e);
        }
        return true;
    }

    private static int sequenceOf(byte[] pdu) {
        return ((pdu[12] & 0xff) << 24) | ((pdu[13] & 0xff) << 16) | ((pdu[14] & 0xff) << 8) | (pdu[15] & 0xff);
    }

    /** jsmpp's response handler asks here for the request a response answers: ours first. */
    @Override
    protected PendingResponse<Command> removePendingResponse(int sequenceNumber) {
        PendingSubmit submit = pending.remove(sequenceNumber);
        return submit != null ? submit : super.removePendingResponse(sequenceNumber);
    }

    private void failAll() {
        for (Integer sequence : pending.keySet()) {
            PendingSubmit submit = pending.remove(sequence);
            if (submit != null) {
                submit.future.completeExceptionally(new IOException("session closed before submit_sm_resp"));
            }
        }
    }

    /** Created on first use: the connection exists only once the session is bound. */
    private PduOutbox outbox() {
        PduOutbox o = outbox;
        if (o == null) {
            synchronized (this) {
                o = outbox;
                if (o == null) {
                    o = new PduOutbox(connection().getOutputStream(), writer);
                    outbox = o;
                }
            }
        }
        return o;
    }

    /** A submit_sm awaiting its response, in the shape jsmpp's response handler completes. */
    private static final class PendingSubmit extends PendingResponse<Command> {
        final CompletableFuture<Command> future = new CompletableFuture<>();

        PendingSubmit(long timeoutMillis) {
            super(timeoutMillis);
        }

        @Override
        public void done(Command response) {
            future.complete(response);
        }

        @Override
        public void doneWithInvalidResponse(InvalidResponseException e) {
            future.completeExceptionally(e);
        }
    }
}
