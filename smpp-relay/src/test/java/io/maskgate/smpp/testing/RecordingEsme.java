package io.maskgate.smpp.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.DefaultPDUReader;
import org.jsmpp.DefaultPDUSender;
import org.jsmpp.SMPPConstant;
import org.jsmpp.SynchronizedPDUSender;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.jsmpp.session.connection.socket.SocketConnectionFactory;

/**
 * A real jsmpp ESME that records every PDU it receives byte for byte and every deliver_sm, and
 * answers deliver_sm with a chosen command_status (ESME_ROK by default).
 */
public final class RecordingEsme implements AutoCloseable {
    private final SMPPSession session;
    private final List<byte[]> receivedPdus = new CopyOnWriteArrayList<>();
    private final List<DeliverSm> delivered = new CopyOnWriteArrayList<>();
    private final AtomicInteger answer = new AtomicInteger(SMPPConstant.STAT_ESME_ROK);

    private RecordingEsme(int port, BindType type, String systemId, String password) throws IOException {
        session = new SMPPSession(new SynchronizedPDUSender(new DefaultPDUSender()), new Recorder(),
                SocketConnectionFactory.getInstance());
        session.setTransactionTimer(5_000);
        session.setEnquireLinkTimer(60_000);
        session.setMessageReceiverListener(new Listener());
        session.connectAndBind("127.0.0.1", port, new BindParameter(type, systemId, password, "",
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), 5_000);
    }

    public static RecordingEsme bind(int port, BindType type, String systemId, String password) throws IOException {
        return new RecordingEsme(port, type, systemId, password);
    }

    public SMPPSession session() {
        return session;
    }

    public List<byte[]> receivedPdus() {
        return List.copyOf(receivedPdus);
    }

    public List<DeliverSm> delivered() {
        return List.copyOf(delivered);
    }

    /** Answers later deliver_sm with this status. */
    public void answerDeliversWith(int status) {
        answer.set(status);
    }

    @Override
    public void close() {
        session.unbindAndClose();
    }

    private final class Recorder extends DefaultPDUReader {
        @Override
        public byte[] readPDU(DataInputStream in, int commandLength, int commandId, int commandStatus,
                int sequenceNumber) throws IOException {
            byte[] pdu = super.readPDU(in, commandLength, commandId, commandStatus, sequenceNumber);
            receivedPdus.add(pdu);
            return pdu;
        }
    }

    private final class Listener implements MessageReceiverListener {
        @Override
        public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
            int status = answer.get();
            if (status != SMPPConstant.STAT_ESME_ROK) {
                throw new ProcessRequestException("test ESME refuses", status);
            }
            delivered.add(deliverSm);
        }

        @Override
        public void onAcceptAlertNotification(AlertNotification alertNotification) {
            // not used by the relay
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }
    }
}
