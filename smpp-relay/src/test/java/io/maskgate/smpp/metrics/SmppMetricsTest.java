package io.maskgate.smpp.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.maskgate.smpp.pdu.CommandStatus;
import io.maskgate.smpp.pdu.PduType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.Test;

class SmppMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SmppMetrics metrics = new SmppMetrics(registry);

    @Test
    void registersEveryOkSeriesAtZero() {
        assertEquals(2 * PduType.values().length, registry.find(SmppMetrics.PDUS).counters().size());
        assertEquals(0.0, count("in", "submit_sm", "ESME_ROK"));
    }

    @Test
    void countsEachPduInItsOwnSeries() {
        metrics.pdu(SmppMetrics.Direction.IN, SMPPConstant.CID_SUBMIT_SM, CommandStatus.ESME_ROK);
        metrics.pdu(SmppMetrics.Direction.IN, SMPPConstant.CID_SUBMIT_SM, CommandStatus.ESME_ROK);
        metrics.pdu(SmppMetrics.Direction.OUT, SMPPConstant.CID_SUBMIT_SM, CommandStatus.ESME_ROK);
        metrics.pdu(SmppMetrics.Direction.OUT, SMPPConstant.CID_SUBMIT_SM_RESP, CommandStatus.ESME_ROK);
        metrics.pdu(SmppMetrics.Direction.OUT, SMPPConstant.CID_SUBMIT_SM_RESP, CommandStatus.ESME_RINVDSTADR);
        metrics.pdu(SmppMetrics.Direction.OUT, SMPPConstant.CID_SUBMIT_SM_RESP, CommandStatus.ESME_RINVDSTADR);
        metrics.pdu(SmppMetrics.Direction.IN, SMPPConstant.CID_SUBMIT_SM_RESP, CommandStatus.ESME_RTHROTTLED);

        assertEquals(2.0, count("in", "submit_sm", "ESME_ROK"));
        assertEquals(1.0, count("out", "submit_sm", "ESME_ROK"));
        assertEquals(1.0, count("out", "submit_sm_resp", "ESME_ROK"));
        assertEquals(0.0, count("in", "submit_sm_resp", "ESME_ROK"));
        assertEquals(2.0, count("out", "submit_sm_resp", "ESME_RINVDSTADR"));
        assertEquals(1.0, count("in", "submit_sm_resp", "ESME_RTHROTTLED"));
    }

    @Test
    void unknownStatusesShareOneSeries() {
        metrics.pdu(SmppMetrics.Direction.OUT, SMPPConstant.CID_SUBMIT_SM_RESP, 0x0400);
        metrics.pdu(SmppMetrics.Direction.OUT, SMPPConstant.CID_SUBMIT_SM_RESP, 0x0401);

        assertEquals(2.0, count("out", "submit_sm_resp", "other"));
    }

    private double count(String direction, String type, String status) {
        return registry.get(SmppMetrics.PDUS).tag("direction", direction).tag("type", type)
                .tag("command_status", status).counter().count();
    }
}
