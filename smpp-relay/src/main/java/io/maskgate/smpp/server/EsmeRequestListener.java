package io.maskgate.smpp.server;

import io.maskgate.core.concurrent.Timeouts;
import io.maskgate.smpp.message.JsmppMessages;
import io.maskgate.smpp.metrics.SmppMetrics;
import io.maskgate.smpp.pdu.CommandStatus;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.DefaultDecomposer;
import org.jsmpp.util.MessageId;
import org.jsmpp.util.PDUDecomposer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests from one bound ESME. Only submit_sm is relayed; every other request that could carry
 * a message or a number (submit_multi, data_sm, replace_sm, broadcast_sm ...) is refused with
 * ESME_RINVCMDID, because forwarding it would bypass the masking decision.
 *
 * <p>Nothing here blocks: jsmpp calls {@code onAcceptSubmitSm} on one of the session's few PDU
 * workers; the checks that need no I/O (window, draining, rate) answer at once, and a submit that
 * passes them is handed to the relay with its submit_sm_resp {@linkplain SubmitResponses#defer
 * deferred}. When the relay's future completes, fails or outlives the submit timeout, the
 * completing thread frees the window slot and queues the response, which the bind's responder
 * thread writes. A responder thread per bind keeps one ESME that stops reading from holding up
 * the others' responses (or the Redis event loop, which completes most futures).
 */
final class EsmeRequestListener extends SubmitSmOnlyListener {
    private static final Logger log = LoggerFactory.getLogger(EsmeRequestListener.class);
    /** What jsmpp is given for a deferred submit_sm; {@link SubmitResponses} drops it unsent. */
    private static final SubmitSmResult DEFERRED = deferredPlaceholder();
    private static final PDUDecomposer DECOMPOSER = new DefaultDecomposer();

    private final EsmeBind bind;
    private final SubmitSmHandler handler;
    private final Duration submitTimeout;
    private final SubmitRateLimits rateLimits;
    private final SmppMetrics metrics;
    private final BooleanSupplier draining;
    private final SubmitResponses responses;

    /** @param responses the connection's PDU sender, which writes the deferred submit_sm_resp */
    EsmeRequestListener(EsmeBind bind, SubmitSmHandler handler, Duration submitTimeout, SubmitRateLimits rateLimits,
            SmppMetrics metrics, BooleanSupplier draining, SubmitResponses responses) {
        this.bind = bind;
        this.handler = handler;
        this.submitTimeout = submitTimeout;
        this.rateLimits = rateLimits;
        this.metrics = metrics;
        this.draining = draining;
        this.responses = responses;
    }

    /**
     * Order of checks: window (per bind), draining, rate (per system_id), then the relay. A submit
     * refused by any of them costs no routing and sends nothing upstream.
     */
    @Override
    public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source) throws ProcessRequestException {
        long started = System.nanoTime();
        int status = admit(started);
        if (status != CommandStatus.ESME_ROK) {
            throw refused(status, "throttled");
        }
        responses.defer(submitSm.getSequenceNumber());
        relayAndRespond(submitSm, started);
        return DEFERRED;
    }

    /**
     * The same as {@link #onAcceptSubmitSm}, for a submit_sm taken on the connection's reader
     * thread (see {@link io.maskgate.smpp.pdu.PduClaimer}) while the bind may transmit: nothing
     * goes through jsmpp's worker queue (a thread wake-up per message), and every answer, a
     * refusal too, is written by {@link SubmitResponses}. A body jsmpp cannot decode is left to
     * jsmpp, which answers it as before.
     */
    boolean claimSubmit(byte[] pdu) {
        SubmitSm submitSm;
        try {
            submitSm = DECOMPOSER.submitSm(pdu);
        } catch (PDUStringException | RuntimeException e) {
            return false;
        }
        long started = System.nanoTime();
        int status = admit(started);
        if (status != CommandStatus.ESME_ROK) {
            responses.refuse(submitSm.getSequenceNumber(), status);
            return true;
        }
        relayAndRespond(submitSm, started);
        return true;
    }

    /**
     * Takes a window slot and checks draining and rate; ESME_ROK with the slot held, or the
     * refusal status (recorded, slot not held).
     */
    private int admit(long started) {
        if (!bind.tryOpenWindowSlot()) {
            metrics.throttled(bind.systemId(), SmppMetrics.ThrottleReason.WINDOW);
            return answered(started, CommandStatus.ESME_RTHROTTLED);
        }
        if (draining.getAsBoolean()) {
            bind.closeWindowSlot();
            return answered(started, CommandStatus.ESME_RTHROTTLED);
        }
        if (!rateLimits.tryTake(bind.systemId())) {
            bind.closeWindowSlot();
            metrics.throttled(bind.systemId(), SmppMetrics.ThrottleReason.RATE);
            return answered(started, CommandStatus.ESME_RTHROTTLED);
        }
        return CommandStatus.ESME_ROK;
    }

    /** Hands an admitted submit to the relay; its answer frees the window slot. */
    private void relayAndRespond(SubmitSm submitSm, long started) {
        int sequence = submitSm.getSequenceNumber();
        try {
            Timeouts.orTimeout(relay(submitSm), submitTimeout.toMillis())
                    .whenComplete((messageId, error) -> respond(sequence, started, messageId, error));
        } catch (RuntimeException e) {
            respond(sequence, started, null, e); // frees the slot: the ESME is answered either way
        }
    }

    private CompletableFuture<String> relay(SubmitSm submitSm) {
        try {
            return handler.submit(bind.systemId(), JsmppMessages.fromMessageRequest(submitSm));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Frees the window slot, then queues the deferred submit_sm_resp. In that order: an ESME that
     * sends its next submit_sm the moment it reads this response must find the slot free.
     */
    private void respond(int sequence, long started, String messageId, Throwable error) {
        bind.closeWindowSlot();
        int status = error == null ? CommandStatus.ESME_ROK : statusOf(error);
        if (status == CommandStatus.ESME_ROK) {
            try {
                responses.answer(sequence, messageId);
            } catch (PDUStringException e) {
                log.error("Relay produced an invalid message_id for {}", bind, e);
                status = CommandStatus.ESME_RSYSERR;
            }
        }
        if (status != CommandStatus.ESME_ROK) {
            responses.refuse(sequence, status);
        }
        metrics.submitTook(System.nanoTime() - started, status);
        metrics.pdu(SmppMetrics.Direction.OUT, SMPPConstant.CID_SUBMIT_SM_RESP, status);
    }

    private int statusOf(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof SmppRefusalException refusal) {
            if (refusal.commandStatus() == CommandStatus.ESME_RTHROTTLED) {
                metrics.throttled(bind.systemId(), SmppMetrics.ThrottleReason.UPSTREAM);
            }
            return refusal.commandStatus();
        }
        if (cause instanceof TimeoutException) {
            log.warn("submit_sm from {} not settled within {}", bind, submitTimeout);
        } else {
            log.warn("submit_sm from {} failed", bind, cause);
        }
        return CommandStatus.ESME_RSYSERR;
    }

    private static SubmitSmResult deferredPlaceholder() {
        try {
            return new SubmitSmResult(new MessageId("deferred"), new OptionalParameter[0]);
        } catch (PDUStringException e) {
            throw new IllegalStateException("placeholder message_id rejected by jsmpp", e);
        }
    }

    /** Records a refusal before the relay (timer and PDU counter); returns its status. */
    private int answered(long started, int status) {
        metrics.submitTook(System.nanoTime() - started, status);
        metrics.pdu(SmppMetrics.Direction.OUT, SMPPConstant.CID_SUBMIT_SM_RESP, status);
        return status;
    }

    private static ProcessRequestException refused(int status, String why) {
        return new ProcessRequestException(why, status);
    }
}
