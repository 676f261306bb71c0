package io.maskgate.smpp.upstream;

import io.maskgate.smpp.message.JsmppMessages;
import io.maskgate.smpp.metrics.SmppMetrics;
import io.maskgate.smpp.pdu.CommandStatus;
import java.util.concurrent.Semaphore;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jsmpp's listener on one upstream bind, adapted to {@link UpstreamDeliverHandler}. At most
 * {@link UpstreamOptions#moWindow()} deliver_sm are handled at once per bind; one beyond that is
 * answered ESME_RTHROTTLED at once so the SMSC backs off and retries (no queue of our own).
 * data_sm is refused: it would bypass the masking decision.
 */
final class UpstreamReceiver implements MessageReceiverListener {
    private static final Logger log = LoggerFactory.getLogger(UpstreamReceiver.class);

    private final String smscName;
    private final UpstreamDeliverHandler handler;
    private final SmppMetrics metrics;
    private final Semaphore window;

    UpstreamReceiver(String smscName, UpstreamDeliverHandler handler, SmppMetrics metrics, int moWindow) {
        this.smscName = smscName;
        this.handler = handler;
        this.metrics = metrics;
        this.window = new Semaphore(moWindow);
    }

    @Override
    public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
        int status;
        if (!window.tryAcquire()) {
            status = CommandStatus.ESME_RTHROTTLED;
        } else {
            try {
                status = handler.onDeliver(smscName, JsmppMessages.fromMessageRequest(deliverSm));
            } catch (RuntimeException e) {
                // A bug must not ack a message we did not relay: answer "try again".
                log.error("deliver_sm handler failed for {}", smscName, e);
                status = CommandStatus.ESME_RX_T_APPN;
            } finally {
                window.release();
            }
        }
        metrics.pdu(SmppMetrics.Direction.OUT, SMPPConstant.CID_DELIVER_SM_RESP, status);
        if (status != CommandStatus.ESME_ROK) {
            throw new ProcessRequestException(CommandStatus.name(status), status);
        }
    }

    @Override
    public void onAcceptAlertNotification(AlertNotification alertNotification) {
        log.debug("alert_notification from {} ignored", smscName);
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        metrics.pdu(SmppMetrics.Direction.OUT, SMPPConstant.CID_DATA_SM_RESP, CommandStatus.ESME_RINVCMDID);
        throw new ProcessRequestException("data_sm is not relayed", CommandStatus.ESME_RINVCMDID);
    }
}
