package io.maskgate.smpp.server;

import io.maskgate.smpp.message.JsmppMessages;
import io.maskgate.smpp.message.SubmitRequest;
import io.maskgate.smpp.metrics.SmppMetrics;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.DataCoding;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a deliver_sm (SMPP 3.4 section 4.6.1) to a receiving bind of a system_id, round-robin
 * over its open RX/TRX binds, and waits for the deliver_sm_resp (at most the server's deliver
 * timeout). A bind that fails on I/O is skipped for the next one; a timeout is not retried on
 * another bind, since the ESME may already hold the message (the SMSC's retry will redeliver).
 */
public final class EsmeDeliverer {
    private static final Logger log = LoggerFactory.getLogger(EsmeDeliverer.class);

    private final BindRegistry registry;
    private final SmppMetrics metrics;
    private final Map<String, AtomicInteger> nextBySystemId = new ConcurrentHashMap<>();

    EsmeDeliverer(BindRegistry registry, SmppMetrics metrics) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Blocks until the ESME answered, timed out, or no bind could take it. */
    public EsmeDelivery deliver(String systemId, SubmitRequest message) {
        List<EsmeBind> receivers = registry.receivers(systemId);
        if (receivers.isEmpty()) {
            return EsmeDelivery.of(EsmeDelivery.Outcome.NO_RECEIVER);
        }
        int start = Math.floorMod(nextBySystemId.computeIfAbsent(systemId, id -> new AtomicInteger())
                .getAndIncrement(), receivers.size());
        for (int i = 0; i < receivers.size(); i++) {
            EsmeBind bind = receivers.get((start + i) % receivers.size());
            try {
                send(bind, message);
                return EsmeDelivery.of(EsmeDelivery.Outcome.DELIVERED);
            } catch (NegativeResponseException e) {
                return new EsmeDelivery(EsmeDelivery.Outcome.REFUSED, e.getCommandStatus());
            } catch (ResponseTimeoutException e) {
                log.warn("No deliver_sm_resp from {} in time", bind);
                return EsmeDelivery.of(EsmeDelivery.Outcome.TIMEOUT);
            } catch (IOException | IllegalStateException e) {
                log.info("deliver_sm to {} failed ({}); trying the next bind", bind, e.getClass().getSimpleName());
            } catch (PDUException | InvalidResponseException e) {
                log.warn("deliver_sm to {} failed: {}", bind, e.getClass().getSimpleName());
                return EsmeDelivery.of(EsmeDelivery.Outcome.FAILED);
            }
        }
        return EsmeDelivery.of(EsmeDelivery.Outcome.FAILED);
    }

    private void send(EsmeBind bind, SubmitRequest m) throws PDUException, ResponseTimeoutException,
            InvalidResponseException, NegativeResponseException, IOException {
        metrics.pdu(SmppMetrics.Direction.OUT, SMPPConstant.CID_DELIVER_SM, 0);
        bind.session().deliverShortMessage(
                JsmppMessages.nullIfEmpty(m.serviceType()),
                TypeOfNumber.valueOf(m.source().ton()), NumberingPlanIndicator.valueOf(m.source().npi()),
                m.source().address(),
                TypeOfNumber.valueOf(m.destination().ton()), NumberingPlanIndicator.valueOf(m.destination().npi()),
                m.destination().address(),
                new ESMClass(m.esmClass()), m.protocolId(), m.priorityFlag(),
                new RegisteredDelivery(m.registeredDelivery()), rawDataCoding(m.dataCoding()), m.shortMessage(),
                JsmppMessages.optionalParameters(m.tlvs()));
    }

    private static DataCoding rawDataCoding(byte value) {
        return () -> value;
    }
}
