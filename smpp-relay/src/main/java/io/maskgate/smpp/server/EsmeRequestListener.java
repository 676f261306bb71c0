package io.maskgate.smpp.server;

import io.maskgate.smpp.message.JsmppMessages;
import io.maskgate.smpp.metrics.SmppMetrics;
import io.maskgate.smpp.pdu.CommandStatus;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.MessageId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests from one bound ESME. Only submit_sm is relayed; every other request that could carry
 * a message or a number (submit_multi, data_sm, replace_sm, broadcast_sm ...) is refused with
 * ESME_RINVCMDID, because forwarding it would bypass the masking decision.
 *
 * <p>Why this blocks: jsmpp asks for the submit_sm_resp as the return value of
 * {@code onAcceptSubmitSm}, on one of the session's PDU worker threads (not its socket reader).
 * We wait there for the relay's future, bounded by the submit timeout, with at most a window's
 * worth of such waits per bind (a semaphore; a submit beyond it is answered ESME_RTHROTTLED at
 * once). The session's worker pool is sized window + 2 so that enquire_link and unbind are still
 * answered while the window is full. The socket reader is never blocked.
 */
final class EsmeRequestListener implements ServerMessageReceiverListener {
    private static final Logger log = LoggerFactory.getLogger(EsmeRequestListener.class);
    private static final OptionalParameter[] NONE = new OptionalParameter[0];

    private final EsmeBind bind;
    private final SubmitSmHandler handler;
    private final Duration submitTimeout;
    private final SubmitRateLimits rateLimits;
    private final SmppMetrics metrics;
    private final BooleanSupplier draining;

    EsmeRequestListener(EsmeBind bind, SubmitSmHandler handler, Duration submitTimeout, SubmitRateLimits rateLimits,
            SmppMetrics metrics, BooleanSupplier draining) {
        this.bind = bind;
        this.handler = handler;
        this.submitTimeout = submitTimeout;
        this.rateLimits = rateLimits;
        this.metrics = metrics;
        this.draining = draining;
    }

    /**
     * Order of checks: window (per bind), draining, rate (per system_id), then the relay. A submit
     * refused by any of them costs no routing and sends nothing upstream.
     */
    @Override
    public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source) throws ProcessRequestException {
        long started = System.nanoTime();
        if (!bind.tryOpenWindowSlot()) {
            metrics.throttled(bind.systemId(), SmppMetrics.ThrottleReason.WINDOW);
            throw answered(started, CommandStatus.ESME_RTHROTTLED, "window full");
        }
        try {
            if (draining.getAsBoolean()) {
                throw answered(started, CommandStatus.ESME_RTHROTTLED, "shutting down");
            }
            if (!rateLimits.tryTake(bind.systemId())) {
                metrics.throttled(bind.systemId(), SmppMetrics.ThrottleReason.RATE);
                throw answered(started, CommandStatus.ESME_RTHROTTLED, "rate limit");
            }
            String messageId = await(started, handler.submit(bind.systemId(), JsmppMessages.fromMessageRequest(submitSm)));
            SubmitSmResult result = new SubmitSmResult(new MessageId(messageId), NONE);
            metrics.submitTook(System.nanoTime() - started, CommandStatus.ESME_ROK);
            metrics.pdu(SmppMetrics.Direction.OUT, SMPPConstant.CID_SUBMIT_SM_RESP, CommandStatus.ESME_ROK);
            return result;
        } catch (PDUStringException e) {
            log.error("Relay produced an invalid message_id for {}", bind, e);
            throw answered(started, CommandStatus.ESME_RSYSERR, "invalid message id");
        } finally {
            bind.closeWindowSlot();
        }
    }

    private String await(long started, CompletableFuture<String> future) throws ProcessRequestException {
        try {
            return future.get(submitTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SmppRefusalException refusal) {
                if (refusal.commandStatus() == CommandStatus.ESME_RTHROTTLED) {
                    metrics.throttled(bind.systemId(), SmppMetrics.ThrottleReason.UPSTREAM);
                }
                throw answered(started, refusal.commandStatus(), refusal.getMessage());
            }
            log.warn("submit_sm from {} failed", bind, e.getCause());
            throw answered(started, CommandStatus.ESME_RSYSERR, "relay failed");
        } catch (TimeoutException e) {
            log.warn("submit_sm from {} not settled within {}", bind, submitTimeout);
            throw answered(started, CommandStatus.ESME_RSYSERR, "timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw answered(started, CommandStatus.ESME_RSYSERR, "interrupted");
        }
    }

    /** Records the refusal (timer and PDU counter) and builds the exception jsmpp answers it with. */
    private ProcessRequestException answered(long started, int status, String why) {
        metrics.submitTook(System.nanoTime() - started, status);
        metrics.pdu(SmppMetrics.Direction.OUT, SMPPConstant.CID_SUBMIT_SM_RESP, status);
        return refused(status, why);
    }

    private static ProcessRequestException refused(int status, String why) {
        return new ProcessRequestException(why, status);
    }

    private static ProcessRequestException unsupported(String command) {
        return refused(CommandStatus.ESME_RINVCMDID, command + " is not relayed");
    }

    @Override
    public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
            throws ProcessRequestException {
        throw unsupported("submit_multi");
    }

    @Override
    public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
        throw unsupported("query_sm");
    }

    @Override
    public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
        throw unsupported("replace_sm");
    }

    @Override
    public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
        throw unsupported("cancel_sm");
    }

    @Override
    public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
            throws ProcessRequestException {
        throw unsupported("broadcast_sm");
    }

    @Override
    public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
            throws ProcessRequestException {
        throw unsupported("cancel_broadcast_sm");
    }

    @Override
    public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm, SMPPServerSession source)
            throws ProcessRequestException {
        throw unsupported("query_broadcast_sm");
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        throw unsupported("data_sm");
    }
}
